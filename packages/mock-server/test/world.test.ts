/**
 * One world behind every endpoint: figures agree across endpoints when read over the wire, and
 * the same seed, instant and requests give the same bytes.
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { PolyvMock, World } from "../src/index.js"
import { client, now, signed } from "./support.js"

const day = ChinaTime.dayMillis
const mock = new PolyvMock({ seed: "world", now, clock: () => now, size: { channels: 6, sessionsPerChannel: 80 } })
const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })

type WireSession = { sessionId: string; startTime: number; endTime: number | null }

/** Every session of a channel, read through the session-list endpoint 60 days at a time. */
const allSessions = async (channelId: string): Promise<Array<WireSession>> => {
  const out: Array<WireSession> = []
  for (let to = now; to > now - 400 * day; to -= 60 * day + 1000) {
    for (let page = 1;; page++) {
      const { data } = (await http.get(
        Contract.sessionList.path,
        signed({
          channelId,
          startDate: ChinaTime.formatDateTime(to - 60 * day),
          endDate: ChinaTime.formatDateTime(to),
          page: String(page),
          pageSize: "100",
        }),
      )).json as { data: { contents: Array<WireSession>; lastPage: boolean } }
      out.push(...data.contents)
      if (data.lastPage) break
    }
  }
  return out
}

describe("world consistency across endpoints", () => {
  it("a channel's live duration is the sum of its ended sessions in the session list", async () => {
    const channels = mock.world.channels
    const { data } = (await http.get(
      Contract.liveDurations.path,
      signed({ channelIds: channels.map((c) => c.channelId).join(",") }),
    )).json as { data: Array<{ channelId: number; duration: number }> }
    for (const [i, channel] of channels.entries()) {
      const sessions = await allSessions(channel.channelId)
      expect(sessions).toHaveLength(80)
      const ended = sessions.filter((s) => s.endTime !== null)
      expect(data[i]).toEqual({
        channelId: Number(channel.channelId),
        duration: ended.reduce((sum, s) => sum + (s.endTime! - s.startTime) / 1000, 0),
      })
    }
  })

  it("yunduo's peak is the highest peak among the same sessions of the listed users", async () => {
    const user = mock.world.mainUser
    const start = ChinaTime.formatDate(now - 90 * day)
    const end = ChinaTime.formatDate(now)
    const from = ChinaTime.parseDate(start)!
    const to = ChinaTime.parseDate(end)! + day
    const { data } = (await http.get(Contract.yunduoSummary.path, signed({ users: user, start, end }))).json as {
      data: Array<{ statAt: number; peakCCV: string }>
    }
    const listed = new Set<string>()
    for (const channel of mock.world.channels.filter((c) => c.userId === user)) {
      for (const s of await allSessions(channel.channelId)) listed.add(s.sessionId)
    }
    const candidates = mock.world.channels.filter((c) => c.userId === user)
      .flatMap((c) => mock.world.sessions(c))
      .filter((s) => listed.has(s.sessionId) && s.peakAt >= from && s.peakAt < to)
    const best = Math.max(...candidates.map((s) => s.peakViewers))
    expect(Number(data[0]!.peakCCV)).toBe(best)
    expect(candidates.find((s) => s.peakViewers === best)!.peakAt).toBe(data[0]!.statAt)
  })

  it("mic history counts days only once aggregated: today and yesterday are 0, the day before only after 02:00", async () => {
    const mic = async (fromDay: number, toDay: number, at: number) => {
      const m = new PolyvMock({ seed: "world", now, clock: () => at, size: { channels: 6, sessionsPerChannel: 80 } })
      const h = client({ fetch: m.fetch as typeof fetch, base: "http://mock.test" })
      const sent = await h.get(
        Contract.micHistory.path,
        signed({ startTime: String(fromDay), endTime: String(toDay) }, {}, at),
      )
      return (sent.json.data as { history: number }).history
    }
    const minutesOn = (d: number) =>
      mock.world.channels.flatMap((c) => mock.world.sessions(c))
        .filter((s) => ChinaTime.startOfDay(s.startTime) === d)
        .reduce((sum, s) => sum + s.micMinutes, 0)
    // A day with co-host minutes, looked at from the days after it.
    const busy = mock.world.channels.flatMap((c) => mock.world.sessions(c))
      .map((s) => ChinaTime.startOfDay(s.startTime))
      .find((d) => d < now - 10 * day && minutesOn(d) > 0)!
    expect(await mic(busy, busy, busy + 12 * 3_600_000)).toBe(0) // the same day
    expect(await mic(busy, busy, busy + day + 12 * 3_600_000)).toBe(0) // the next day
    expect(await mic(busy, busy, busy + 2 * day + 3_600_000)).toBe(0) // D+2 at 01:00
    expect(await mic(busy, busy, busy + 2 * day + 2 * 3_600_000)).toBe(minutesOn(busy)) // D+2 at 02:00
    // Over a range: the sum of the aggregated days.
    let expected = 0
    for (let d = busy - 5 * day; d <= busy; d += day) expected += minutesOn(d)
    expect(await mic(busy - 5 * day, busy, now)).toBe(expected)
  })

  it("an export exists only for a session the session list shows", async () => {
    const m = new PolyvMock({ seed: "world", now, clock: () => now, reportPolls: 0 })
    const h = client({ fetch: m.fetch as typeof fetch, base: "http://mock.test" })
    const channel = m.world.channels[1]!
    const [listed] = (await allSessions(channel.channelId)).filter((s) => s.endTime !== null)
    const exportOf = async (sessionId: string) =>
      (await h.get(Contract.exportReport.path, signed({ channelId: channel.channelId, sessionId }))).json
    expect((await exportOf(listed!.sessionId)).code).toBe(200)
    for (let i = 0; i < 3; i++) expect((await exportOf("notasession1")).code).toBe(400)
  })
})

describe("determinism", () => {
  /** Every endpoint once (export thrice, to get a URL), as raw text. */
  const transcript = async () => {
    const m = new PolyvMock({ seed: "same", now, clock: () => now })
    const h = client({ fetch: m.fetch as typeof fetch, base: "http://mock.test" })
    const [c0, c1] = m.world.channels
    const session = m.world.sessions(c1!).find((s) => s.endTime !== null)!
    const out: Array<string> = []
    for (let i = 0; i < 3; i++) {
      out.push(
        (await h.get(Contract.exportReport.path, signed({ channelId: c1!.channelId, sessionId: session.sessionId })))
          .text,
      )
    }
    out.push((await h.get(Contract.sessionList.path, signed({ channelId: c0!.channelId, pageSize: "30" }))).text)
    out.push(
      (await h.get(Contract.liveDurations.path, signed({ channelIds: `${c0!.channelId},${c1!.channelId}` }))).text,
    )
    out.push((await h.get(Contract.micHistory.path, signed({}))).text)
    out.push(
      (await h.post(
        Contract.yunduoSummary.path,
        signed({ users: m.world.users.join(","), start: "2026-01-01", end: "2026-11-20" }),
      ))
        .text,
    )
    const url = String(JSON.parse(out[2]!).data)
    out.push(Buffer.from(await (await m.fetch(url)).arrayBuffer()).toString("base64"))
    return out
  }

  it("two runs with the same seed and instant answer byte for byte the same, v4 requestId and xlsx included", async () => {
    const [a, b] = [await transcript(), await transcript()]
    expect(a).toEqual(b)
    expect(JSON.parse(a[5]!).requestId).toMatch(/^[0-9a-f]{32}\.6\.\d{17}$/)
  })
})

describe("a large world", () => {
  it("1000 channels × 1000 sessions: nothing is generated until read, and reads are per channel", () => {
    const big = new World("big", now, { channels: 1000, sessionsPerChannel: 1000 })
    expect(big.channels).toHaveLength(1000)
    const last = big.channels[999]!
    expect(big.sessions(last)).toHaveLength(1000)
    expect(new World("big", now, { channels: 1000, sessionsPerChannel: 1000 }).sessions(last)).toEqual(
      big.sessions(last),
    )
  })
})
