/**
 * The report lifecycle: not ready for K polls or T seconds of mock time, then a URL served by the
 * mock that downloads a real .xlsx (parsed back here with exceljs) and expires after 60 days.
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { PolyvMock, ReportLinks, ReportWorkbook, type WorldSession } from "../src/index.js"
import { client, manualClock, now, signed } from "./support.js"

const notReady = "Report is not ready yet, please try again later."

const setup = (options: { reportPolls?: number; reportSeconds?: number } = {}) => {
  const clock = manualClock()
  const mock = new PolyvMock({ seed: "reports", now, clock: clock.read, ...options })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const channel = mock.world.channels[1]!
  const sessions = mock.world.sessions(channel).filter((s) => s.endTime !== null)
  const exportOf = async (session: WorldSession, channelId = channel.channelId) =>
    (await http.get(Contract.exportReport.path, signed({ channelId, sessionId: session.sessionId }, {}, clock.read())))
      .json
  return { clock, mock, http, channel, sessions, exportOf }
}

const readSheet = async (bytes: ArrayBuffer) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes)
  const sheet = workbook.getWorksheet(ReportWorkbook.sheetName)
  expect(sheet).toBeDefined()
  const cells = new Map<string, unknown>()
  sheet!.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value))
  return cells
}

describe("report lifecycle by polls", () => {
  it("the default: two polls answer not ready, the third the URL; each session counts on its own", async () => {
    const { sessions, exportOf } = setup()
    expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    expect((await exportOf(sessions[1]!)).message).toBe(notReady)
    const ready = await exportOf(sessions[0]!)
    expect(ready.code).toBe(200)
    expect(String(ready.data)).toMatch(/\/__mock\/reports\/\d+\/\w+\.xlsx\?expires=\d+&token=[0-9a-f]+$/)
  })

  it("K = 0: the URL at once", async () => {
    const { sessions, exportOf } = setup({ reportPolls: 0 })
    expect((await exportOf(sessions[0]!)).code).toBe(200)
  })

  it("a live session, an unknown session, never ready; an unknown channel is illegal", async () => {
    const { mock, exportOf } = setup({ reportPolls: 0 })
    const live = mock.world.sessions(mock.world.channels[0]!)[0]!
    expect(live.endTime).toBeNull()
    for (let i = 0; i < 3; i++) {
      expect((await exportOf(live, live.channelId)).message).toBe(notReady)
      expect((await exportOf({ ...live, sessionId: "nosuchsession" })).message).toBe(notReady)
    }
    expect((await exportOf(live, "10001")).message).toBe("illegal channel id: 10001")
  })
})

describe("report lifecycle by seconds", () => {
  it("ready T seconds of mock time after the first request, however many polls came between", async () => {
    const { clock, sessions, exportOf } = setup({ reportPolls: 0, reportSeconds: 30 })
    expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000)
      expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    }
    clock.advance(4_999)
    expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    clock.advance(1)
    expect((await exportOf(sessions[0]!)).code).toBe(200)
  })

  it("the admin clock moves report readiness too", async () => {
    const { mock, http, sessions, exportOf } = setup({ reportSeconds: 60 })
    expect((await exportOf(sessions[0]!)).message).toBe(notReady)
    await http.admin("/__mock/clock", { advance: 60_000 })
    const params = signed({ channelId: sessions[0]!.channelId, sessionId: sessions[0]!.sessionId }, {}, mock.now())
    expect((await http.get(Contract.exportReport.path, params)).json.code).toBe(200)
  })
})

describe("report download", () => {
  it("is a real .xlsx holding the session's figures, equal to the world's", async () => {
    const { mock, sessions, exportOf } = setup({ reportPolls: 0 })
    const session = sessions[4]!
    const url = String((await exportOf(session)).data)
    const response = await mock.fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe(ReportWorkbook.xlsxContentType)
    expect(response.headers.get("content-disposition")).toContain(`${session.sessionId}.xlsx`)
    const cells = await readSheet(await response.arrayBuffer())
    const { labels } = ReportWorkbook
    const seconds = (session.endTime! - session.startTime) / 1000
    expect(cells.get(labels.sessionId)).toBe(session.sessionId)
    expect(cells.get(labels.channelId)).toBe(session.channelId)
    expect(cells.get(labels.userId)).toBe(session.userId)
    expect(cells.get(labels.startTime)).toBe(ChinaTime.formatDateTime(session.startTime))
    expect(cells.get(labels.endTime)).toBe(ChinaTime.formatDateTime(session.endTime!))
    expect(cells.get(labels.durationSeconds)).toBe(seconds)
    expect(cells.get(labels.duration)).toMatch(/^\d+:\d{2}:\d{2}$/)
    expect(cells.get(labels.peakViewers)).toBe(session.peakViewers)
    expect(cells.get(labels.peakAt)).toBe(ChinaTime.formatDateTime(session.peakAt))
    expect(cells.get(labels.micMinutes)).toBe(session.micMinutes)
  })

  it("is the same bytes every time (fixed workbook and zip dates)", async () => {
    const { mock, sessions, exportOf } = setup({ reportPolls: 0 })
    const url = String((await exportOf(sessions[2]!)).data)
    const a = new Uint8Array(await (await mock.fetch(url)).arrayBuffer())
    const b = new Uint8Array(await (await mock.fetch(url)).arrayBuffer())
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it("expires after 60 days of mock time: 410; a day before, still served", async () => {
    const { clock, mock, sessions, exportOf } = setup({ reportPolls: 0 })
    const url = String((await exportOf(sessions[0]!)).data)
    clock.advance(ReportLinks.validDays * ChinaTime.dayMillis - ChinaTime.dayMillis)
    expect((await mock.fetch(url)).status).toBe(200)
    clock.advance(ChinaTime.dayMillis + 1)
    const expired = await mock.fetch(url)
    expect(expired.status).toBe(410)
    expect((await expired.json()).error.message).toContain("expired")
  })

  it("refuses a URL for an unknown session (404) and a forged or edited URL (403)", async () => {
    const { mock, sessions, exportOf, channel } = setup({ reportPolls: 0 })
    const url = new URL(String((await exportOf(sessions[0]!)).data))
    const unknownPath = ReportLinks.reportPath(channel.channelId, "nosuchsession")
    const expires = Number(url.searchParams.get("expires"))
    const forUnknown = `http://mock.test${unknownPath}?expires=${expires}&token=${
      ReportLinks.token(mock.options.appSecret, unknownPath, expires)
    }`
    expect((await mock.fetch(forUnknown)).status).toBe(404)
    const later = new URL(url)
    later.searchParams.set("expires", String(expires + ChinaTime.dayMillis))
    expect((await mock.fetch(later)).status).toBe(403)
    const other = new URL(url)
    other.pathname = ReportLinks.reportPath(channel.channelId, sessions[1]!.sessionId)
    expect((await mock.fetch(other)).status).toBe(403)
    expect((await mock.fetch("http://mock.test/__mock/reports/nope.xlsx")).status).toBe(404)
  })
})

describe("report paths", () => {
  it("read back what reportPath writes, for IDs of the contract's forms only", () => {
    expect(ReportLinks.parsePath(ReportLinks.reportPath("2272655", "fv3ldt4dhn"))).toEqual({
      channelId: "2272655",
      sessionId: "fv3ldt4dhn",
    })
    const badIds = [["22a", "fv3ldt4dhn"], ["", "fv3ldt4dhn"], ["2272655", ""], ["2272655", "a.b"], ["2272655", "a/b"]]
    for (const [channelId, sessionId] of badIds) {
      expect(ReportLinks.parsePath(ReportLinks.reportPath(channelId!, sessionId!))).toBeUndefined()
    }
    expect(ReportLinks.parsePath(`${ReportLinks.reportsPrefix}2272655/fv3ldt4dhn.pdf`)).toBeUndefined()
    expect(ReportLinks.parsePath("/reports/2272655/fv3ldt4dhn.xlsx")).toBeUndefined()
  })
})
