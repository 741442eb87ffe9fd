/**
 * The data's "now" and the clock timestamps are checked against are two things (issue 16, point
 * 19). A mock whose data is fixed far from the real clock, checking timestamps against the real
 * clock (`--now … --real-clock`): every default derived from "now" follows the data, so a session
 * list without dates finds what explicit dates find, while a request must be signed with the real
 * clock.
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { defaultRangeDays } from "../src/endpoints/micHistory.js"
import { PolyvMock } from "../src/index.js"
import { client, signed } from "./support.js"

const day = 86_400_000
/** Years from any real clock this test will run on. */
const dataNow = Date.parse("2021-03-01T00:00:00Z")
const mock = new PolyvMock({
  seed: "data-clock",
  now: dataNow,
  clock: () => dataNow,
  timestampClock: Date.now,
  size: { channels: 2, sessionsPerChannel: 60 },
})
const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
/** Signed as a client does: with the real clock. */
const get = async (path: string, params: Record<string, string>, at = Date.now()) =>
  (await http.get(path, signed(params, {}, at))).json as { code: number; message: string; data: any }
const sessionIds = (page: { contents: Array<{ sessionId: string }> }) => page.contents.map((s) => s.sessionId)

describe("--now with the real clock for timestamps", () => {
  it("checks timestamps against the real clock, not the data's", async () => {
    expect(Math.abs(Date.now() - dataNow)).toBeGreaterThan(365 * day)
    const channelId = mock.world.channels[1]!.channelId
    expect((await get(Contract.sessionList.path, { channelId })).code).toBe(200)
    expect((await get(Contract.sessionList.path, { channelId }, dataNow)).message).toBe("invalid timestamp.")
  })

  it("the session list without dates is the last 60 days of the data: what explicit dates find", async () => {
    for (const channel of mock.world.channels) {
      const pageSize = "1000"
      const byDefault = await get(Contract.sessionList.path, { channelId: channel.channelId, pageSize })
      const explicit = await get(Contract.sessionList.path, {
        channelId: channel.channelId,
        startDate: ChinaTime.formatDateTime(dataNow - Contract.maxSpanDays * day),
        endDate: ChinaTime.formatDateTime(dataNow),
        pageSize,
      })
      expect(byDefault.data.totalItems).toBeGreaterThan(0)
      expect(sessionIds(byDefault.data)).toEqual(sessionIds(explicit.data))
      // One date given: the other is 60 days away, capped at the data's now.
      const fromOnly = await get(Contract.sessionList.path, {
        channelId: channel.channelId,
        startDate: ChinaTime.formatDateTime(dataNow - 10 * day),
        pageSize,
      })
      expect(fromOnly.data.totalItems).toBeGreaterThan(0)
      expect(sessionIds(fromOnly.data)).toEqual(
        sessionIds(byDefault.data).filter((id) => {
          const session = mock.world.session(channel, id)!
          return session.startTime >= dataNow - 10 * day
        }),
      )
    }
  })

  it("mic history without times is the 30 days up to the data's now, aggregated as of then", async () => {
    const byDefault = await get(Contract.micHistory.path, {})
    const explicit = await get(Contract.micHistory.path, {
      startTime: String(dataNow - defaultRangeDays * day),
      endTime: String(dataNow),
    })
    expect(byDefault.data.history).toBeGreaterThan(0)
    expect(byDefault.data).toEqual(explicit.data)
    // Today and yesterday (China time) hold co-host minutes, not aggregated yet as of the data's now.
    const yesterday = ChinaTime.startOfDay(dataNow) - day
    const recentMinutes = mock.world.channels.flatMap((c) => mock.world.sessions(c))
      .filter((s) => s.startTime >= yesterday && s.startTime <= dataNow)
      .reduce((sum, s) => sum + s.micMinutes, 0)
    expect(recentMinutes).toBeGreaterThan(0)
    const recent = await get(Contract.micHistory.path, { startTime: String(yesterday), endTime: String(dataNow) })
    expect(recent.data.history).toBe(0)
  })
})
