/**
 * The contract suite: the seed pages' JSON examples are the referee. Run once per target (the
 * in-process handler, the socket server and the Effect layer), so all are held to the same answers.
 */
import { ApiFailures, ChinaTime, Contract, Envelope } from "@polyv-stats/core"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { jsonExamples } from "../../../spec/seedPages.js"
import { faultHeader, type PolyvMock, ReportWorkbook } from "../src/index.js"
import { client, now, shapeOf, signed, type Target } from "./support.js"

const examples = (endpoint: Contract.AnyEndpoint) => {
  const all = jsonExamples(endpoint.seed)
  return { success: all.filter((e) => e.code === 200), errors: all.filter((e) => e.code !== 200) }
}

/** Error examples whose message the mock can be made to answer on that page's endpoint. */
const provocable = new Set([
  "invalid signature.",
  "appId is required.",
  "application not found.",
  "invalid timestamp.",
  "param validate error",
  "illegal channel id: 10001",
  "Report is not ready yet, please try again later.",
])

const requestIdPattern = /^[0-9a-f]{32}\.\d+\.\d{17}$/

export const contractSuite = (target: Target) =>
  describe(`contract: ${target.name}`, () => {
    let running: Awaited<ReturnType<Target["start"]>>
    let mock: PolyvMock
    let http: ReturnType<typeof client>
    beforeAll(async () => {
      running = await target.start({ seed: "contract", now, clock: () => now, reportPolls: 1 })
      mock = running.mock
      http = client(running)
    })
    afterAll(() => running.stop())

    const ended = () => {
      const channel = mock.world.channels[1]!
      return { channel, sessions: mock.world.sessions(channel).filter((s) => s.endTime !== null) }
    }

    /** A request that makes the mock answer with an error example's message, per endpoint. */
    const provoke = (endpoint: Contract.AnyEndpoint, message: string): Record<string, string> | undefined => {
      const { channel, sessions } = ended()
      const valid: Record<string, Record<string, string>> = {
        exportReport: { channelId: channel.channelId, sessionId: sessions[0]!.sessionId },
        yunduoSummary: { users: mock.world.users.join(","), start: "2026-10-01", end: "2026-10-31" },
        liveDurations: { channelIds: channel.channelId },
        micHistory: {},
        sessionList: { channelId: channel.channelId },
      }
      const params = valid[endpoint.name]!
      switch (message) {
        case "invalid signature.":
          return signed(params, { sign: "0".repeat(32) })
        case "appId is required.":
          return signed(params, { appId: null })
        case "application not found.":
          return signed(params, { appId: "nosuchapp1" })
        case "invalid timestamp.":
          return signed(params, {}, now - 10 * 60_000)
        case "param validate error":
          return signed({ ...params, start: "2021-13-01" })
        case "illegal channel id: 10001":
          return signed({ channelIds: "10001" })
        case "Report is not ready yet, please try again later.":
          return signed({ channelId: channel.channelId, sessionId: sessions[5]!.sessionId })
        default:
          return undefined
      }
    }

    for (const endpoint of Contract.endpoints) {
      describe(`${endpoint.name} (${endpoint.seed})`, () => {
        for (const example of examples(endpoint).errors) {
          const message = String(example.message ?? (example.error as { desc?: string } | undefined)?.desc)
          it.skipIf(!provocable.has(message))(`reproduces the page's error example "${message}"`, async () => {
            const sent = await http.get(endpoint.path, provoke(endpoint, message)!)
            if (endpoint.envelope === "v4") {
              const { requestId, ...rest } = sent.json
              const { requestId: _, ...expected } = example
              expect(rest).toEqual(expected)
              expect(requestId).toMatch(requestIdPattern)
            } else {
              expect(sent.json).toEqual(example)
            }
            expect(sent.status).toBe(example.code)
          })
        }
      })
    }

    it("session list: the success example's shape, and its paging fields for a 4-item page of 10", async () => {
      const [seed] = examples(Contract.sessionList).success
      const { channel, sessions } = ended()
      // A window holding exactly sessions 2..5 (newest first), like the page's 4-item example.
      const window = signed({
        channelId: channel.channelId,
        startDate: ChinaTime.formatDateTime(sessions[5]!.startTime),
        endDate: ChinaTime.formatDateTime(sessions[2]!.startTime),
        page: "1",
        pageSize: "10",
      })
      const sent = await http.get(Contract.sessionList.path, window)
      expect(shapeOf(sent.json)).toEqual(shapeOf(seed))
      const { contents, ...paging } = sent.json.data as Record<string, unknown>
      const { contents: seedContents, ...seedPaging } = seed!.data as Record<string, unknown>
      expect(paging).toEqual(seedPaging)
      expect((contents as Array<{ sessionId: string }>).map((s) => s.sessionId)).toEqual(
        sessions.slice(2, 6).map((s) => s.sessionId),
      )
      expect((seedContents as Array<unknown>).length).toBe(4)
    })

    it("live durations: the success example's shape; a duration is the sum of the channel's ended sessions", async () => {
      const [seed] = examples(Contract.liveDurations).success
      const channels = mock.world.channels.slice(0, 2)
      const sent = await http.get(
        Contract.liveDurations.path,
        signed({ channelIds: channels.map((c) => c.channelId).join(",") }),
      )
      expect(shapeOf(sent.json)).toEqual(shapeOf(seed))
      const expected = channels.map((c) => ({
        duration: mock.world.sessions(c).filter((s) => s.endTime !== null).reduce(
          (sum, s) => sum + (s.endTime! - s.startTime) / 1000,
          0,
        ),
        channelId: Number(c.channelId),
      }))
      expect(sent.json.data).toEqual(expected)
    })

    it("mic history: the success example's shape with a Polyv-like requestId", async () => {
      const [seed] = examples(Contract.micHistory).success
      const sent = await http.get(Contract.micHistory.path, signed({}))
      expect(shapeOf(sent.json)).toEqual(shapeOf(seed))
      expect(sent.json.requestId).toMatch(requestIdPattern)
      expect((sent.json.data as { userId: string }).userId).toBe(mock.world.mainUser)
    })

    it("export: the success example's shape, an xlsx URL, after the not-ready answers", async () => {
      const [seed] = examples(Contract.exportReport).success
      const { channel, sessions } = ended()
      const params = { channelId: channel.channelId, sessionId: sessions[3]!.sessionId }
      const first = await http.get(Contract.exportReport.path, signed(params))
      expect(first.json.message).toBe("Report is not ready yet, please try again later.")
      const second = await http.get(Contract.exportReport.path, signed(params))
      expect(shapeOf(second.json)).toEqual(shapeOf(seed))
      expect(new URL(String(second.json.data)).pathname).toMatch(/\.xlsx$/)
    })

    it("yunduo: data is [{statAt, peakCCV as digits, pullType}] (the README's decision), by GET and POST form", async () => {
      const params = signed({ users: mock.world.users.join(","), start: "2026-06-01", end: "2026-11-20" })
      const byGet = await http.get(Contract.yunduoSummary.path, params)
      const byPost = await http.post(Contract.yunduoSummary.path, params)
      expect(byPost.text).toBe(byGet.text)
      expect(byGet.json).toMatchObject({ code: 200, status: "success", message: "" })
      const data = byGet.json.data as Array<Record<string, unknown>>
      expect(data).toHaveLength(1)
      expect(Object.keys(data[0]!).toSorted()).toEqual(["peakCCV", "pullType", "statAt"])
      expect(data[0]!.peakCCV).toMatch(/^\d+$/)
      expect(typeof data[0]!.statAt).toBe("number")
      const none = await http.get(
        Contract.yunduoSummary.path,
        signed({ users: "ffffffffff", start: "2026-06-01", end: "2026-11-20" }),
      )
      expect(none.json.data).toEqual([])
    })

    it("a forced rate limit answers `qps exceeds number of calls` with the contract's RateLimited code", async () => {
      for (const endpoint of [Contract.sessionList, Contract.micHistory]) {
        const sent = await http.get(endpoint.path, signed({}), { [faultHeader]: "rate-limit" })
        const code = endpoint.errorCodes.RateLimited
        expect(sent.status).toBe(code)
        if (endpoint.envelope === "v3") {
          expect(sent.json).toEqual(Envelope.v3Error(code, ApiFailures.messageOf("RateLimited")))
        } else {
          expect(sent.json.error).toEqual({
            code: ApiFailures.apiFailures.RateLimited.v4Code,
            desc: ApiFailures.messageOf("RateLimited"),
          })
        }
      }
    })

    it("a forced fail answers Polyv's status:\"fail\" envelope; server-error a 502 page; malformed half a body", async () => {
      const params = signed({ channelId: ended().channel.channelId })
      const fail = await http.get(Contract.sessionList.path, params, { [faultHeader]: "fail" })
      expect(fail.json).toEqual(Envelope.v3Error(500, ApiFailures.messageOf("ServerError"), "fail"))
      expect(fail.status).toBe(500)
      const url = `${running.base}${Contract.sessionList.path}?${new URLSearchParams(params)}`
      const gateway = await running.fetch(url, { headers: { [faultHeader]: "server-error" } })
      expect(gateway.status).toBe(502)
      expect(await gateway.text()).toContain("502 Bad Gateway")
      const whole = await (await running.fetch(url)).text()
      const cut = await running.fetch(url, { headers: { [faultHeader]: "malformed" } })
      expect(cut.status).toBe(200)
      const text = await cut.text()
      expect(whole.startsWith(text) && text.length < whole.length).toBe(true)
      expect(() => JSON.parse(text)).toThrow()
    })

    it("an unknown fault kind in the header is refused with the list of kinds", async () => {
      const sent = await http.get(Contract.micHistory.path, signed({}), { [faultHeader]: "meteor" })
      expect(sent.status).toBe(400)
      expect(JSON.stringify(sent.json)).toContain("server-error")
    })

    it("the export URL downloads the session's .xlsx from the mock itself", async () => {
      const { channel, sessions } = ended()
      const session = sessions[7]!
      const params = { channelId: channel.channelId, sessionId: session.sessionId }
      await http.get(Contract.exportReport.path, signed(params))
      const url = String((await http.get(Contract.exportReport.path, signed(params))).json.data)
      const download = await running.fetch(url)
      expect(download.status).toBe(200)
      expect(download.headers.get("content-type")).toBe(ReportWorkbook.xlsxContentType)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(await download.arrayBuffer())
      const sheet = workbook.getWorksheet(ReportWorkbook.sheetName)!
      const cells = new Map<string, unknown>()
      sheet.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value))
      expect(cells.get(ReportWorkbook.labels.sessionId)).toBe(session.sessionId)
      expect(cells.get(ReportWorkbook.labels.peakViewers)).toBe(session.peakViewers)
    })

    it("answers an unknown path and a wrong method with a clear envelope", async () => {
      const unknown = await http.get("/live/v3/nope", signed({}))
      expect(unknown.status).toBe(404)
      expect(unknown.json).toMatchObject({ code: 404, status: "error", data: "" })
      expect(String(unknown.json.message)).toContain(Contract.sessionList.path)
      const wrongMethod = await http.post(Contract.sessionList.path, signed({ channelId: "1" }))
      expect(wrongMethod.status).toBe(405)
      expect(String(wrongMethod.json.message)).toContain("GET")
    })
  })
