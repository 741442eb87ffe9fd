import { ChinaTime, Contract, Envelope } from "@polyv-stats/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { plainBody } from "../src/endpoints/EndpointContext.js"
import { PolyvMock } from "../src/index.js"
import { client, now, signed } from "./support.js"

const day = 86_400_000
const mock = new PolyvMock({ seed: "sessions", now, clock: () => now, size: { channels: 3, sessionsPerChannel: 60 } })
const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
const [live, ended] = mock.world.channels
const list = async (params: Record<string, string>) => {
  const sent = await http.get(Contract.sessionList.path, signed(params))
  return sent.json as { code: number; message: string; data: any }
}
const ids = (contents: Array<{ sessionId: string }>) => contents.map((s) => s.sessionId)

describe("session list", () => {
  it("defaults to page 1 of 20 over the last 60 days, newest first", async () => {
    const { data } = await list({ channelId: ended!.channelId })
    const expected = mock.world.sessions(ended!).filter((s) => s.startTime >= now - 60 * day)
    expect(data.pageNumber).toBe(1)
    expect(data.pageSize).toBe(20)
    expect(data.totalItems).toBe(expected.length)
    expect(ids(data.contents)).toEqual(ids(expected.slice(0, 20)))
    const starts: Array<number> = data.contents.map((s: { startTime: number }) => s.startTime)
    expect(starts).toEqual(starts.toSorted((a, b) => b - a))
  })

  it("shows a live session with endTime null", async () => {
    const { data } = await list({ channelId: live!.channelId })
    expect(data.contents[0].endTime).toBeNull()
  })

  it("walks every page of a window: each session once, paging fields consistent", async () => {
    const from = ChinaTime.formatDateTime(now - 60 * day)
    const to = ChinaTime.formatDateTime(now)
    const seen: Array<string> = []
    for (let page = 1;; page++) {
      const { data } = await list({
        channelId: ended!.channelId,
        startDate: from,
        endDate: to,
        page: String(page),
        pageSize: "7",
      })
      expect(data.offset).toBe((page - 1) * 7)
      expect(data.limit).toBe(data.contents.length)
      expect(data.startRow).toBe(data.offset + 1)
      expect(data.endRow).toBe(data.offset + data.limit)
      expect(data.firstPage).toBe(page === 1)
      expect(data.prePageNumber).toBe(Math.max(1, page - 1))
      expect(data.totalPages).toBe(Math.ceil(data.totalItems / 7))
      seen.push(...ids(data.contents))
      if (data.lastPage) {
        expect(data.nextPageNumber).toBe(page)
        expect(page).toBe(data.totalPages)
        break
      }
      expect(data.nextPageNumber).toBe(page + 1)
    }
    expect(seen).toEqual(ids(mock.world.sessions(ended!).filter((s) => s.startTime >= now - 60 * day)))
  })

  it("answers an empty window with totalItems 0 and the documented empty paging", async () => {
    const { data } = await list({ channelId: ended!.channelId, startDate: "2001-01-01", endDate: "2001-01-02" })
    expect(data).toEqual({
      pageSize: 20,
      pageNumber: 1,
      totalItems: 0,
      contents: [],
      startRow: 0,
      firstPage: true,
      lastPage: true,
      prePageNumber: 1,
      nextPageNumber: 1,
      limit: 0,
      totalPages: 0,
      endRow: 0,
      offset: 0,
    })
  })

  it("includes both window ends, to the second", async () => {
    const s = mock.world.sessions(ended!).find((x) => x.endTime !== null && x.startTime < now - 5 * day)!
    const at = ChinaTime.formatDateTime(s.startTime)
    const before = ChinaTime.formatDateTime(s.startTime - 1000)
    expect(ids((await list({ channelId: ended!.channelId, startDate: at, endDate: at })).data.contents)).toEqual([
      s.sessionId,
    ])
    expect((await list({ channelId: ended!.channelId, startDate: before, endDate: before })).data.totalItems).toBe(0)
  })

  it("reads a bare endDate as that day's midnight, leaving the day out", async () => {
    const s = mock.world.sessions(ended!).find((x) => x.startTime < now - 5 * day)!
    const dayOf = ChinaTime.formatDate(s.startTime)
    const { data } = await list({
      channelId: ended!.channelId,
      startDate: ChinaTime.formatDate(s.startTime - 3 * day),
      endDate: dayOf,
    })
    expect(ids(data.contents)).not.toContain(s.sessionId)
  })

  it("accepts a span of exactly 60 days and refuses one second more", async () => {
    const start = now - 70 * day
    const ok = await list({
      channelId: ended!.channelId,
      startDate: ChinaTime.formatDateTime(start),
      endDate: ChinaTime.formatDateTime(start + 60 * day),
    })
    expect(ok.code).toBe(200)
    const over = await list({
      channelId: ended!.channelId,
      startDate: ChinaTime.formatDateTime(start),
      endDate: ChinaTime.formatDateTime(start + 60 * day + 1000),
    })
    expect(over).toMatchObject({ code: 400, message: "param validate error" })
  })

  it("refuses a start after the end, and malformed dates and pages", async () => {
    for (
      const bad of <Array<Record<string, string>>> [
        { startDate: "2026-02-02", endDate: "2026-02-01" },
        { startDate: "2026-02-30" },
        { startDate: "2026/02/01" },
        { page: "0" },
        { pageSize: "ten" },
      ]
    ) {
      expect(await list({ channelId: ended!.channelId, ...bad }), JSON.stringify(bad)).toMatchObject({
        code: 400,
        message: "param validate error",
      })
    }
  })

  it("with only startDate, ends 60 days later; with only endDate, starts 60 days earlier", async () => {
    const start = now - 150 * day
    const onlyStart = await list({
      channelId: ended!.channelId,
      startDate: ChinaTime.formatDateTime(start),
      pageSize: "100",
    })
    const inWindow = (from: number, to: number) =>
      ids(mock.world.sessions(ended!).filter((s) => s.startTime >= from && s.startTime <= to))
    expect(ids(onlyStart.data.contents)).toEqual(inWindow(start, start + 60 * day))
    const end = now - 30 * day
    const onlyEnd = await list({ channelId: ended!.channelId, endDate: ChinaTime.formatDateTime(end), pageSize: "100" })
    expect(ids(onlyEnd.data.contents)).toEqual(inWindow(end - 60 * day, end))
  })
})

describe("determinism", () => {
  const body = async (seed: string) => {
    const m = new PolyvMock({ seed, now, clock: () => now })
    const params = signed({ channelId: m.world.channels[1]!.channelId, pageSize: "50" })
    return (await m.fetch(`http://mock.test${Contract.sessionList.path}?${new URLSearchParams(params)}`)).text()
  }
  it("same seed and now: byte-identical answers; another seed: another world", async () => {
    expect(await body("a")).toBe(await body("a"))
    expect(await body("a")).not.toBe(await body("b"))
  })
  it("a channel's sessions do not depend on the order channels are first asked for", () => {
    const a = new PolyvMock({ seed: "order", now })
    const b = new PolyvMock({ seed: "order", now })
    const [c0, c1] = a.world.channels
    const first = a.world.sessions(c1!)
    b.world.sessions(b.world.channels[0]!)
    expect(b.world.sessions(b.world.channels[1]!)).toEqual(first)
    expect(a.world.sessions(c0!)).toEqual(b.world.sessions(b.world.channels[0]!))
  })

  it("answers the bytes JSON.stringify gives for the contract-encoded page, repeated pages included", async () => {
    // The body is written field by field (see `SessionListBody.ts`): it must still be exactly the
    // envelope around the contract's encoding of the page it carries (any page, in either envelope:
    // `sessionListBody.test.ts`); here, through the mock.
    const plain = plainBody(Contract.sessionList)
    const decodePage = Schema.decodeUnknownSync(Contract.sessionList.data)
    // Repeated pages, and pages differing in one field.
    const asked: Array<Record<string, string>> = [
      { channelId: ended!.channelId },
      { channelId: ended!.channelId, pageSize: "7", page: "2" },
      { channelId: ended!.channelId, pageSize: "7", page: "2" },
      { channelId: live!.channelId, pageSize: "7", page: "2" },
      { channelId: ended!.channelId, pageSize: "7", page: "3" },
      { channelId: ended!.channelId, pageSize: "3", page: "99" },
    ]
    for (const params of asked) {
      const { text, json } = await http.get(Contract.sessionList.path, signed(params))
      const page = decodePage((json as { data: unknown }).data)
      expect(text, JSON.stringify(params)).toBe(plain(page, Envelope.v3Success))
    }
  })
})
