/** Batched durations and client-side pacing, through the client, counting requests. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { type ClientSettings, PolyvClient } from "../src/index.js"
import { clockReader, json, overFetch, scriptedFetch, v3error, v3ok } from "./scriptedFetch.js"

const t0 = Date.parse("2030-01-01T00:00:00Z")
/** Channel IDs at or above 9000 do not exist on this fake server. */
const durationsServer = (url: URL) => {
  const ids = (url.searchParams.get("channelIds") ?? "").split(",")
  const unknown = ids.find((id) => Number(id) >= 9000)
  return unknown
    ? v3error(400, `illegal channel id: ${unknown}`)
    : v3ok(ids.map((id) => ({ duration: Number(id) * 10, channelId: Number(id) })))
}

const withClient = <A, E>(
  use: (polyv: PolyvClient["Service"]) => Effect.Effect<A, E>,
  settings: ClientSettings = {},
  script: Parameters<typeof scriptedFetch>[0] = durationsServer,
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(t0)
    const { fetch, sent } = scriptedFetch(script, yield* clockReader)
    const fiber = yield* PolyvClient.use(use).pipe(
      Effect.provide(
        PolyvClient.layer({ appId: "app", appSecret: Redacted.make("s"), ...settings }).pipe(
          Layer.provide(overFetch(fetch)),
        ),
      ),
      Effect.forkChild,
    )
    yield* TestClock.adjust("1 minute")
    return { value: yield* Fiber.join(fiber), sent }
  })

const ids = (n: number, start = 1) => Array.from({ length: n }, (_, i) => String(start + i))

describe("liveDuration batching", () => {
  it.effect("120 concurrent asks become 3 calls of at most 50, each answer matched to its channel", () =>
    Effect.gen(function*() {
      const { value, sent } = yield* withClient((polyv) =>
        Effect.forEach(ids(120), (id) => polyv.liveDuration(id), { concurrency: "unbounded" })
      )
      assert.deepStrictEqual(value.map((d) => [d.channelId, d.duration]), ids(120).map((id) => [id, Number(id) * 10]))
      const sizes = sent.map((s) => s.params.channelIds!.split(",").length)
      assert.deepStrictEqual(sizes.toSorted((a, b) => b - a), [50, 50, 20])
    }))

  it.effect("the batch size is configurable", () =>
    Effect.gen(function*() {
      const { sent } = yield* withClient(
        (polyv) => Effect.forEach(ids(25), (id) => polyv.liveDuration(id), { concurrency: "unbounded" }),
        { batchSize: 10 },
      )
      assert.deepStrictEqual(sent.map((s) => s.params.channelIds!.split(",").length), [10, 10, 5])
    }))

  it.effect("a channel asked twice in one batch is sent once, and both asks get the answer", () =>
    Effect.gen(function*() {
      const { value, sent } = yield* withClient((polyv) =>
        Effect.forEach(["1", "1", "2", "2"], (id) => polyv.liveDuration(id), { concurrency: "unbounded" })
      )
      assert.deepStrictEqual(sent.map((s) => s.params.channelIds), ["1,2"])
      assert.deepStrictEqual(value.map((d) => d.duration), [10, 10, 20, 20])
    }))

  it.effect("an illegal channel fails only its own requests; the rest are asked again and succeed", () =>
    Effect.gen(function*() {
      const { value, sent } = yield* withClient((polyv) =>
        Effect.forEach(["1", "9001", "2", "9002", "3"], (id) => Effect.result(polyv.liveDuration(id)), {
          concurrency: "unbounded",
        })
      )
      const tags = value.map((r) => (r._tag === "Success" ? r.success.duration : r.failure._tag))
      assert.deepStrictEqual(tags, [10, "IllegalChannelId", 20, "IllegalChannelId", 30])
      const failed = value.flatMap((
        r,
      ) => (r._tag === "Failure" && r.failure._tag === "IllegalChannelId" ? [r.failure.channelId] : []))
      assert.deepStrictEqual(failed, ["9001", "9002"])
      assert.strictEqual(sent.length, 3)
    }))

  it.effect("another failure fails every request of the batch", () =>
    Effect.gen(function*() {
      const { value } = yield* withClient(
        (polyv) =>
          Effect.forEach(["1", "2"], (id) => Effect.flip(polyv.liveDuration(id)), { concurrency: "unbounded" }),
        {},
        [v3error(403, "invalid signature.")],
      )
      assert.deepStrictEqual(value.map((e) => e._tag), ["InvalidSignature", "InvalidSignature"])
    }))
})

describe("client-side pacing", () => {
  it.effect("holds calls over the limit until the next window, shared by all calls of one client", () =>
    Effect.gen(function*() {
      const { sent } = yield* withClient(
        (polyv) =>
          Effect.forEach(ids(5), (id) => polyv.liveDurations({ channelIds: [id] }), { concurrency: "unbounded" }),
        { rateLimit: { limit: 2, window: "1 second" } },
      )
      assert.deepStrictEqual(sent.map((s) => s.at - t0), [0, 0, 1000, 1000, 2000])
    }))

  it.effect("is on by default (1200 per 10 s) and can be turned off", () =>
    Effect.gen(function*() {
      const ok = json(200, { code: 200, status: "success", message: "", data: [] })
      const paced = yield* withClient(
        (polyv) =>
          Effect.forEach(ids(1201), () => polyv.liveDurations({ channelIds: ["1"] }), { concurrency: "unbounded" }),
        {},
        [ok],
      )
      assert.strictEqual(paced.sent.filter((s) => s.at === t0).length, 1200)
      const unpaced = yield* withClient(
        (polyv) =>
          Effect.forEach(ids(1201), () => polyv.liveDurations({ channelIds: ["1"] }), { concurrency: "unbounded" }),
        { rateLimit: false },
        [ok],
      )
      assert.strictEqual(unpaced.sent.filter((s) => s.at === t0).length, 1201)
    }))
})
