/**
 * The retry policy, by counting attempts on virtual time: one test per retried and per
 * not-retried failure, the clock-skew rule, fresh timestamps per attempt, and custom schedules.
 */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Redacted, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { type ClientSettings, PolyvClient, RetryPolicy, Signer } from "../src/index.js"
import { type Answer, clockReader, json, overFetch, scriptedFetch, v3error, v3ok } from "./scriptedFetch.js"

const t0 = Date.parse("2030-01-01T00:00:00Z")
const secret = Redacted.make("retry-secret")
const ok = v3ok([{ duration: 60, channelId: 1 }])

/** The first half of an answer's body, as the mock's `malformed` fault sends it. */
const cutInHalf = (answer: Answer): Answer => {
  if (typeof answer === "string") throw new Error("not a body")
  return { status: answer.status, body: answer.body.slice(0, answer.body.length >> 1) }
}

/** Runs one durations call against a script, letting virtual time run far enough for every retry. */
const attempt = (
  script: ReadonlyArray<Answer>,
  settings: ClientSettings = {},
  advance: Duration.Input = "30 minutes",
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(t0)
    const { fetch, sent } = scriptedFetch(script, yield* clockReader)
    const fiber = yield* PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(
      Effect.provide(
        PolyvClient.layer({ appId: "app", appSecret: secret, ...settings }).pipe(Layer.provide(overFetch(fetch))),
      ),
      Effect.result,
      Effect.forkChild,
    )
    yield* TestClock.adjust(advance)
    return { result: yield* Fiber.join(fiber), sent }
  })

const retried: ReadonlyArray<[string, Answer]> = [
  ["a reset connection (TransportError)", "reset"],
  ["HTTP 502 with an HTML page (ServerError)", { status: 502, body: "<html>Bad Gateway</html>" }],
  ["HTTP 503 with an empty body (ServerError)", { status: 503, body: "" }],
  ["a v3 envelope with code 500", v3error(500, "system error")],
  ["status:\"fail\" (ServerError)", v3error(500, "system error", "fail")],
  ["qps exceeds number of calls (RateLimited)", v3error(429, "qps exceeds number of calls")],
  ["the rate-limit message in an HTTP 200 body", {
    status: 200,
    body: JSON.stringify({ code: 400, status: "error", message: "qps exceeds number of calls", data: "" }),
  }],
  // The mock's `malformed` fault: the framing is whole, the JSON ends mid-value (see CutShort).
  ["an HTTP 200 body cut short, JSON ending mid-value (TransportError)", cutInHalf(ok)],
]

describe("retried: transient failures", () => {
  for (const [name, failure] of retried) {
    it.effect(`${name}: two failures, then success on the third attempt`, () =>
      Effect.gen(function*() {
        const { result, sent } = yield* attempt([failure, failure, ok])
        assert.strictEqual(result._tag, "Success")
        assert.strictEqual(sent.length, 3)
      }))
  }

  it.effect("a request with no answer times out after the default 30 s, and the timeout is retried", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { fetch, sent } = scriptedFetch(["hang", ok], yield* clockReader)
      const fiber = yield* PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(
        Effect.provide(PolyvClient.layer({ appId: "app", appSecret: secret }).pipe(Layer.provide(overFetch(fetch)))),
        Effect.forkChild,
      )
      yield* TestClock.adjust(Duration.subtract(RetryPolicy.defaultTimeout, Duration.millis(1)))
      assert.strictEqual(sent.length, 1, "still waiting just before the timeout")
      yield* TestClock.adjust("2 seconds")
      const durations = yield* Fiber.join(fiber)
      assert.strictEqual(durations[0]!.duration, 60)
      assert.strictEqual(sent.length, 2)
    }))

  it.effect("a body cut short that never comes whole ends as a TransportError saying so", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* attempt([cutInHalf(ok)])
      assert.strictEqual(sent.length, 1 + RetryPolicy.maxRetries)
      assert.strictEqual(result._tag === "Failure" && result.failure._tag, "TransportError")
      assert.match(result._tag === "Failure" ? result.failure.message : "", /HTTP 200 answer was cut short/)
    }))

  it.effect("gives up after maxRetries retries, with the last failure", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* attempt([v3error(500, "system error")])
      assert.strictEqual(sent.length, 1 + RetryPolicy.maxRetries)
      assert.strictEqual(result._tag === "Failure" && result.failure._tag, "ServerError")
    }))
})

const notRetried: ReadonlyArray<[string, Answer, string]> = [
  ["invalid signature.", v3error(403, "invalid signature."), "InvalidSignature"],
  ["application not found.", v3error(400, "application not found."), "ApplicationNotFound"],
  ["appId is required.", v3error(400, "appId is required."), "AppIdRequired"],
  ["param validate error", v3error(400, "param validate error"), "ParamValidateError"],
  [
    "param should not be empty: channelIds",
    v3error(400, "param should not be empty: channelIds"),
    "ParamValidateError",
  ],
  ["illegal channel id: 1", v3error(400, "illegal channel id: 1"), "IllegalChannelId"],
  ["a 200 answer of the wrong shape", v3ok("not an array"), "UnexpectedResponse"],
  ["a whole HTML page with HTTP 200", { status: 200, body: "<html><body>Welcome</body></html>" }, "UnexpectedResponse"],
  ["a whole JSON text that is no envelope", json(200, { hello: "world" }), "UnexpectedResponse"],
]

describe("not retried: the same request would fail the same way", () => {
  for (const [name, failure, tag] of notRetried) {
    it.effect(`${name} → ${tag}, one attempt`, () =>
      Effect.gen(function*() {
        const { result, sent } = yield* attempt([failure, ok])
        assert.strictEqual(sent.length, 1)
        assert.strictEqual(result._tag === "Failure" ? result.failure._tag : "Success", tag)
      }))
  }
})

describe("invalid timestamp: once, at once, with a fresh clock reading", () => {
  it.effect("a skewed first attempt is retried and succeeds", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* attempt([v3error(400, "invalid timestamp."), ok], {}, "0 millis")
      assert.strictEqual(result._tag, "Success")
      assert.strictEqual(sent.length, 2)
    }))
  it.effect("a second invalid timestamp is surfaced", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* attempt([
        v3error(400, "invalid timestamp."),
        v3error(400, "invalid timestamp."),
        ok,
      ])
      assert.strictEqual(sent.length, 2)
      assert.strictEqual(result._tag === "Failure" && result.failure._tag, "InvalidTimestamp")
    }))
})

describe("every attempt is signed afresh", () => {
  it.effect("timestamps follow the clock and each sign matches its own parameters", () =>
    Effect.gen(function*() {
      const { sent } = yield* attempt(["reset", "reset", "reset", ok])
      const timestamps = sent.map((s) => Number(s.params.timestamp))
      assert.deepStrictEqual(timestamps, sent.map((s) => Math.floor(s.at)))
      for (let i = 1; i < timestamps.length; i++) assert.isAbove(timestamps[i]!, timestamps[i - 1]!)
      for (const s of sent) {
        const { sign, ...rest } = s.params
        assert.strictEqual(sign, Signer.sign(rest, secret))
      }
      assert.strictEqual(new Set(sent.map((s) => s.params.sign)).size, sent.length)
    }))
})

describe("delays", () => {
  const sentAfter = (failure: Answer, after: Duration.Input) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { fetch, sent } = scriptedFetch([failure, ok], yield* clockReader)
      yield* PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(
        Effect.provide(PolyvClient.layer({ appId: "app", appSecret: secret }).pipe(Layer.provide(overFetch(fetch)))),
        Effect.forkChild,
      )
      yield* TestClock.adjust(after)
      return sent.length
    })

  it.effect("a 5xx is retried within the first jittered base delay (≤ 600 ms)", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* sentAfter(v3error(500, "system error"), "399 millis"), 1)
      assert.strictEqual(yield* sentAfter(v3error(500, "system error"), "600 millis"), 2)
    }))
  it.effect("a rate limit waits ten times longer (≥ 4 s)", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* sentAfter(v3error(429, "qps exceeds number of calls"), "3999 millis"), 1)
      assert.strictEqual(yield* sentAfter(v3error(429, "qps exceeds number of calls"), "6 seconds"), 2)
    }))
  it.effect("no wait is longer than maxDelay", () =>
    Effect.gen(function*() {
      const { sent } = yield* attempt([v3error(429, "qps exceeds number of calls")])
      const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at)
      assert.isTrue(gaps.every((g) => g <= Duration.toMillis(RetryPolicy.maxDelay)), gaps.join(","))
      assert.strictEqual(Math.max(...gaps), Duration.toMillis(RetryPolicy.maxDelay))
    }))
})

describe("your own schedule", () => {
  const once = { schedule: Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 1 })) }
  it.effect("sets the delays and the number of retries", () =>
    Effect.gen(function*() {
      const { sent } = yield* attempt([v3error(500, "system error")], { retry: once })
      assert.deepStrictEqual(sent.map((s) => s.at - t0), [0, 1000])
    }))
  it.effect("still never retries a non-transient failure", () =>
    Effect.gen(function*() {
      const { sent } = yield* attempt([v3error(403, "invalid signature."), ok], { retry: once })
      assert.strictEqual(sent.length, 1)
    }))
  it.effect("retry: false makes one attempt", () =>
    Effect.gen(function*() {
      const { sent } = yield* attempt([v3error(500, "system error"), ok], { retry: false })
      assert.strictEqual(sent.length, 1)
    }))
})

describe("timestamps", () => {
  it.effect("are whole milliseconds, 13 digits, even when the clock reports fractions", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0 + 0.75)
      const { fetch, sent } = scriptedFetch([ok], yield* clockReader)
      yield* PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(
        Effect.provide(PolyvClient.layer({ appId: "app", appSecret: secret }).pipe(Layer.provide(overFetch(fetch)))),
      )
      assert.strictEqual(sent[0]!.params.timestamp, String(t0))
      assert.match(sent[0]!.params.timestamp!, /^\d{13}$/)
    }))
})
