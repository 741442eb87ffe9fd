/**
 * The ways to run the mock in tests: the withMock helper (beforeAll/afterAll) and the Effect
 * layers on a real socket at port 0, torn down with their scope.
 */
import { assert, it as effectIt, layer } from "@effect/vitest"
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoCredentials, MockLayer, withMock } from "../src/index.js"
import { now, signed } from "./support.js"

describe("withMock", () => {
  const mock = withMock({ seed: "helper", now, clock: () => now })
  beforeAll(mock.start)
  afterAll(mock.stop)

  it("listens on a free port and answers signed requests", async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${mock.url}${Contract.micHistory.path}?${new URLSearchParams(signed({}))}`)
    expect((await response.json()).data.userId).toBe(mock.mock.world.mainUser)
  })

  it("stops: the port no longer answers, and a handle that never started stops quietly", async () => {
    const other = withMock({ seed: "helper" })
    await other.stop()
    expect(() => other.url).toThrow(/start/)
    const url = (await other.start()).url
    await other.stop()
    await expect(fetch(`${url}/__mock/world`)).rejects.toThrow(TypeError)
  })
})

describe("MockLayer on a socket", () => {
  effectIt.effect("serve: a scoped server, closed when the test's scope ends", () =>
    Effect.gen(function*() {
      const running = yield* MockLayer.serve({ seed: "helper", now, clock: () => now })
      const world = yield* Effect.promise(() => fetch(`${running.url}/__mock/world`).then((r) => r.json()))
      assert.strictEqual(world.seed, "helper")
    }))

  layer(MockLayer.layerServer({ seed: "helper-layer" }), { excludeTestServices: true })("layerServer", (served) => {
    served.effect("a PolyvClient reaches the served mock", () =>
      Effect.gen(function*() {
        const server = yield* MockLayer.MockServer
        const mic = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(
          Effect.provide(PolyvClient.layerNode({
            appId: demoCredentials.appId,
            appSecret: Redacted.make(demoCredentials.appSecret),
            baseUrl: server.url,
          })),
        )
        assert.strictEqual(mic.userId, server.mock.world.mainUser)
      }))
  })
})
