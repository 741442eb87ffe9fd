/**
 * A written world through `MockLayer.inProcess({ world })`, as a consumer's Effect test uses it:
 * `TestClock` set to the world's `now`, the client's calls answered from the file.
 */
import { assert, describe, it } from "@effect/vitest"
import { PolyvClient } from "@polyv-stats/core"
import { Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { demoCredentials, MockLayer, polyvExamples } from "../src/index.js"

const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
const live = PolyvClient.layer(credentials).pipe(
  Layer.provideMerge(MockLayer.inProcess({ world: "polyv-examples" })),
)

describe("MockLayer.inProcess({ world })", () => {
  it.effect("answers the client from the world file", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(polyvExamples.now!)
      const polyv = yield* PolyvClient
      const durations = yield* Effect.all([polyv.liveDuration("108888"), polyv.liveDuration("108188")])
      assert.deepStrictEqual(durations.map((d) => d.duration), [1000, 222])
      const mock = yield* MockLayer.Mock
      assert.deepStrictEqual(mock.world.file, polyvExamples) // its own checked copy of the built-in world
    }).pipe(Effect.provide(live)))
})
