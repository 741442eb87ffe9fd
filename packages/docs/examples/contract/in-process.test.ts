// A vitest suite against the mock in-process: no port, no socket, time under TestClock.
import { it } from "@effect/vitest"
import { Contract, PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer, worldBuilder } from "@polyv-stats/mock-server"
import { Effect, Fiber, Layer, Redacted, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect } from "vitest"

// The code under test: every session of a channel in a date range, as your app pages them.
const sessionIdsOf = (channelId: string, from: Date, to: Date) =>
  PolyvClient.use((polyv) =>
    Stream.runCollect(polyv.sessions(channelId, { from, to, pageSize: 2 })).pipe(
      Effect.map((sessions) => sessions.map((s) => s.sessionId)),
    )
  )

// More code under test: a report's URL, polled until it is ready; a channel's live hours.
const reportUrlOf = (channelId: string, sessionId: string) =>
  PolyvClient.use((polyv) =>
    polyv.waitForReport(channelId, sessionId, { schedule: Schedule.spaced("1 second"), deadline: "1 minute" })
  )
const liveHoursOf = (channelId: string) =>
  PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: [channelId] })).pipe(
    Effect.map(([channel]) => channel!.duration / 3600),
  )

// What the account holds: one user, channel 2272655 with five evenings of an hour and a half in
// June 2026, and the clock at July 1st (China time). The same account as world.json.
const now = Date.parse("2026-07-01T00:00:00+08:00")
const evening = (day: string) => {
  const startTime = Date.parse(`2026-06-${day}T20:00:00+08:00`)
  return { sessionId: `june${day}`, startTime, endTime: startTime + 90 * 60_000 }
}
const world = worldBuilder({ now })
  .user("1b448be323")
  .channel("2272655")
  .session("2272655", evening("02"))
  .session("2272655", evening("09"))
  .session("2272655", evening("16"))
  .session("2272655", evening("23"))
  .session("2272655", evening("30"))
  .build() // checked as a file is: a WorldFileError lists every problem

// Each test provides the layer anew: a fresh mock, so one test's calls are not in the next one's.
const polyvOnMock = PolyvClient.layer({
  appId: demoCredentials.appId,
  appSecret: Redacted.make(demoCredentials.appSecret),
})
  .pipe(Layer.provideMerge(MockLayer.inProcess({ world })))

describe("sessionIdsOf", () => {
  it.effect("pages the channel's sessions, newest first, two a page", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now) // the mock reads Effect's Clock: start it at the world's now
      const june = yield* sessionIdsOf("2272655", new Date("2026-06-01"), new Date("2026-06-30T23:59:59+08:00"))
      expect(june).toEqual(["june30", "june23", "june16", "june09", "june02"])

      // What was asked: pages 1 to 3 of that channel, each call's parameters decoded by the contract.
      const mock = yield* MockLayer.Mock
      const calls = mock.calls(Contract.sessionList)
      expect(calls).toHaveLength(3)
      expect(calls.map((call) => call.params?.page)).toEqual([1, 2, 3])
      for (const call of calls) {
        expect(call.params).toMatchObject({ channelId: "2272655", pageSize: 2 })
        expect(call.by).toBe("world") // answered from the world: no fault, no refusal
      }
      expect(mock.calls(Contract.sessionList, { channelId: "2272655", page: 3 })).toHaveLength(1)
    }).pipe(Effect.provide(polyvOnMock)))

  it.effect("asks once when one page holds them all", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const lastWeek = yield* sessionIdsOf("2272655", new Date("2026-06-20"), new Date("2026-06-30T23:59:59+08:00"))
      expect(lastWeek).toEqual(["june30", "june23"])
      const mock = yield* MockLayer.Mock
      expect(mock.calls(Contract.sessionList).map((call) => call.params?.page)).toEqual([1])
    }).pipe(Effect.provide(polyvOnMock)))

  // What Polyv answers, as the test says: stubs, in place of the world.
  it.effect("waits for a report that is ready on the third poll", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const mock = yield* MockLayer.Mock
      const stub = mock.stub({
        endpoint: Contract.exportReport,
        match: { sessionId: "june30" },
        answers: [{ failure: "ReportNotReady", times: 2 }, { data: "https://example.com/june30.xlsx" }],
      })
      const waiting = yield* Effect.forkChild(reportUrlOf("2272655", "june30"))
      yield* TestClock.adjust("2 seconds") // the two waits between polls, in no time
      expect(yield* Fiber.join(waiting)).toBe("https://example.com/june30.xlsx")
      expect(stub.used()).toBe(3)
      expect(mock.calls(Contract.exportReport).map((call) => call.outcome.failure ?? "url")).toEqual([
        "ReportNotReady",
        "ReportNotReady",
        "url",
      ])
    }).pipe(Effect.provide(polyvOnMock)))

  it.effect("gets through when the second durations call is rate limited", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const mock = yield* MockLayer.Mock
      expect(yield* liveHoursOf("2272655")).toBe(7.5) // five sessions of an hour and a half
      // From here on, the next durations call is rate limited, once; then the world answers again.
      mock.stub({ endpoint: Contract.liveDurations, answers: [{ failure: "RateLimited" }] })
      const again = yield* Effect.forkChild(liveHoursOf("2272655"))
      yield* TestClock.adjust("10 seconds") // the client's retry waits longer after a rate limit
      expect(yield* Fiber.join(again)).toBe(7.5)
      // What was asked: the first call, the rate-limited one, and the client's retry.
      expect(mock.calls(Contract.liveDurations).map((call) => call.by)).toEqual(["world", "stub", "world"])
    }).pipe(Effect.provide(polyvOnMock)))
})
