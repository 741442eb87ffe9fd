import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyRuns } from "../../../propertyRuns.js"
import { EndedDurations, plainEndedSeconds } from "../src/endpoints/EndedDurations.js"
import { emptyHistory, type History } from "../src/world/History.js"

const channel = { channelId: "2272655", userId: "u" }

const historyOf = (sessions: ReadonlyArray<readonly [number, number]>): History => {
  const h = emptyHistory(channel, sessions.length)
  sessions.forEach(([start, end], i) => {
    h.startTime[i] = start
    h.endTime[i] = end
  })
  return h
}

/** Sessions as the world makes them: newest first, none overlapping, the first one perhaps live. */
const ordered = fc.record({
  live: fc.boolean(),
  spans: fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 9_000_000 })), {
    maxLength: 40,
  }),
}).map(({ live, spans }) => {
  let cursor = 1_764_000_000_000
  return historyOf(spans.map(([length, gap], i) => {
    const end = cursor
    cursor = end - length - gap
    return [end - length, live && i === 0 ? Number.NaN : end] as const
  }))
})

/** Anything: ends in any order, live sessions anywhere (the plain sum answers these). */
const unordered = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 1e7 }), fc.option(fc.integer({ min: 0, max: 1e7 }), { nil: Number.NaN })),
  { maxLength: 20 },
).map((pairs) => historyOf(pairs.map(([start, end]) => [start, end])))

/** Instants to ask at: each session's end exactly, a millisecond either side, and beyond every end. */
const nowsOf = (h: History) =>
  [...h.endTime].filter((end) => !Number.isNaN(end)).flatMap((end) => [end - 1, end, end + 1])
    .concat([0, 2e12])

describe("a channel's ended durations", () => {
  it("equal the plain sum at every instant, for histories in the world's order and in any order", () => {
    fc.assert(
      fc.property(fc.oneof(ordered, unordered), (h) => {
        const durations = new EndedDurations()
        // Asked again and again (the running sums are made on the first request).
        for (const now of nowsOf(h)) expect(durations.seconds(h, now), `now ${now}`).toBe(plainEndedSeconds(h, now))
      }),
      propertyRuns(300),
    )
  })
})
