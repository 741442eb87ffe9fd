/**
 * No loss under faults: against a mock that fails a third of all requests (seeded, so every run
 * fails the same ones), the client's retries still return exactly the mock's own data — none lost,
 * none duplicated, order kept. Virtual time: the retries' waits and the latency spikes cost nothing.
 */
import { assert, describe, it } from "@effect/vitest"
import { PolyvClient } from "@polyv-stats/core"
import { Duration, Effect, Layer, Redacted, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"
import { demoCredentials, MockLayer, type MockOptions } from "../src/index.js"
import { onVirtualTime } from "./virtualTime.js"

const t0 = Date.parse("2031-03-01T08:00:00Z")
const day = 86_400_000

/** The flaky network of the issue: 30% 5xx, 10% resets, 10% latency spikes, some rate limiting. */
const faults: MockOptions["faults"] = {
  rates: { "server-error": 0.3, reset: 0.1, latency: 0.1, "rate-limit": 0.03 },
  latencyMillis: 45_000, // longer than the client's 30 s timeout: a spike is a timeout, retried
}

/**
 * A consumer expecting a network this bad retries more than the default 5 times: with 43% of
 * requests failing, 12 retries leave about one lost request in 25 million.
 */
const patient = {
  schedule: Schedule.exponential("200 millis").pipe(
    Schedule.jittered,
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, Duration.seconds(10)))),
    Schedule.upTo({ times: 12 }),
  ),
}

const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
const against = (options: MockOptions) =>
  PolyvClient.layer({ ...credentials, retry: patient }).pipe(
    Layer.provideMerge(MockLayer.inProcess({ seed: "faults", now: t0, faults, ...options })),
  )

/**
 * The session IDs of one channel over the `days` before t0 as the stream gives them, on virtual
 * time, and as the mock's world holds them.
 */
const streamed = (
  channelIndex: number,
  days: number,
  pageSize: number | undefined,
  time: Parameters<typeof onVirtualTime>[1],
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(t0)
    const mock = yield* MockLayer.Mock
    const channel = mock.world.channels[channelIndex]!
    const from = t0 - days * day
    const got = yield* onVirtualTime(
      PolyvClient.use((polyv) =>
        Stream.runCollect(polyv.sessions(channel.channelId, { from: new Date(from), to: new Date(t0), pageSize }))
      ),
      time,
    )
    const expected = mock.world.sessions(channel).filter((s) => s.startTime >= from && s.startTime <= t0)
    return { mock, got: got.map((s) => s.sessionId), expected: expected.map((s) => s.sessionId) }
  })

describe("no loss under faults", () => {
  it.effect("sessions over 200 days, 10 000 of them: exactly the mock's set, in order", () =>
    Effect.gen(function*() {
      const { mock, got, expected } = yield* streamed(1, 200, 100, { step: "2 seconds", limit: "12 hours" })
      assert.strictEqual(expected.length, 10_000)
      assert.strictEqual(got.length, expected.length)
      assert.deepStrictEqual(got, expected)
      // The faults really happened: the journal holds failed requests.
      const journal = yield* Effect.promise(async () =>
        (await (await mock.fetch("http://mock/__mock/journal?limit=1000")).json()) as {
          entries: Array<{ outcome: { status: number } }>
        }
      )
      assert.isAbove(journal.entries.filter((e) => e.outcome.status >= 500).length, 10)
    }).pipe(Effect.provide(against({ size: { channels: 2, sessionsPerChannel: 10_000, historyDays: 180 } }))))

  // Issue 16: `sessions --all` used to end after 38 of 400 sessions, taking a cut body for a wrong answer.
  it.effect("sessions under bodies cut short (the malformed fault), default retries: all 400, in order", () =>
    Effect.gen(function*() {
      const { mock, got, expected } = yield* streamed(0, 180, undefined, { step: "1 second", limit: "1 hour" })
      assert.strictEqual(expected.length, 400)
      assert.deepStrictEqual(got, expected)
      const cut = mock.journal.entries().filter((e) => e.outcome.fault === "malformed")
      assert.isAbove(cut.length, 5)
    }).pipe(Effect.provide(
      PolyvClient.layer(credentials).pipe(Layer.provideMerge(MockLayer.inProcess({
        seed: "faults",
        now: t0,
        faults: { rates: { malformed: 0.3 } },
        size: { channels: 1, sessionsPerChannel: 400, historyDays: 170 },
      }))),
    )))

  it.effect("durations for 500 channels, asked one by one: all correct", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const got = yield* onVirtualTime(
        PolyvClient.use((polyv) =>
          Effect.forEach(mock.world.channels, (c) => polyv.liveDuration(c.channelId), { concurrency: "unbounded" })
        ),
        { step: "2 seconds", limit: "2 hours" },
      )
      const expected = mock.world.channels.map((c) => ({
        channelId: c.channelId,
        duration: mock.world.sessions(c).filter((s) => s.endTime !== null && s.endTime <= t0).reduce(
          (sum, s) => sum + Math.round((s.endTime! - s.startTime) / 1000),
          0,
        ),
      }))
      assert.deepStrictEqual(got, expected)
    }).pipe(Effect.provide(against({ size: { channels: 500, sessionsPerChannel: 20 } }))))
})
