/**
 * Polyv's rate limit, on the mock's clock: at the limit passes, one more is refused with
 * `qps exceeds number of calls` and the contract's RateLimited code, a new window (virtual time)
 * admits again — after the block, when there is one.
 */
import { assert, it as effectIt } from "@effect/vitest"
import { ApiFailures, Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { demoCredentials, MockLayer, PolyvMock, polyvRateLimit, startServer } from "../src/index.js"
import { adminPost, client, manualClock, now, signed } from "./support.js"

const path = Contract.sessionList.path
const qps = ApiFailures.messageOf("RateLimited")

const setup = (rateLimit?: { limit?: number; windowMillis?: number; blockMillis?: number }) => {
  const clock = manualClock()
  const mock = new PolyvMock({ seed: "limits", now, clock: clock.read, ...(rateLimit ? { rateLimit } : {}) })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const channelId = mock.world.channels[1]!.channelId
  const call = async () => (await http.get(path, signed({ channelId }, {}, clock.read()))).json
  return { clock, mock, call }
}

describe("rate limit", () => {
  it("Polyv's default: 1500 calls in 10 s pass, the 1501st is refused", async () => {
    const { call } = setup()
    expect(polyvRateLimit).toEqual({ limit: 1500, windowMillis: 10_000, blockMillis: 300_000 })
    for (let i = 0; i < 1500; i++) expect((await call()).code).toBe(200)
    const refused = await call()
    expect(refused).toMatchObject({ code: Contract.sessionList.errorCodes.RateLimited, message: qps })
  })

  it("a new window admits again when there is no block", async () => {
    const { clock, call } = setup({ limit: 3, windowMillis: 10_000, blockMillis: 0 })
    for (let i = 0; i < 3; i++) expect((await call()).code).toBe(200)
    expect((await call()).message).toBe(qps)
    clock.advance(9_999)
    expect((await call()).message).toBe(qps)
    clock.advance(1)
    expect((await call()).code).toBe(200)
  })

  it("with Polyv's 5-minute block, the client stays refused until the block ends", async () => {
    const { clock, call } = setup({ limit: 2, windowMillis: 10_000 })
    await call()
    await call()
    expect((await call()).message).toBe(qps)
    clock.advance(10_000)
    expect((await call()).message).toBe(qps)
    clock.advance(300_000)
    expect((await call()).code).toBe(200)
  })

  it("POST /__mock/reset lifts the limit", async () => {
    const { mock, call } = setup({ limit: 1 })
    await call()
    expect((await call()).message).toBe(qps)
    await mock.fetch("http://mock.test/__mock/reset", adminPost())
    expect((await call()).code).toBe(200)
  })

  it("counts per client IP on the socket (every local client is 127.0.0.1)", async () => {
    const running = await startServer({ seed: "limits", now, clock: () => now, rateLimit: { limit: 2 } })
    try {
      const http = client({ fetch, base: running.url })
      const channelId = running.mock.world.channels[1]!.channelId
      const codes = []
      for (let i = 0; i < 3; i++) codes.push((await http.get(path, signed({ channelId }))).json.code)
      expect(codes).toEqual([200, 200, 429])
      expect(running.mock.journal.entries().map((e) => e.client)).toEqual(Array(3).fill("127.0.0.1"))
    } finally {
      await running.close()
    }
  })
})

describe("rate limit through the Effect layer, on TestClock", () => {
  const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
  effectIt.effect(
    "the client sees RateLimited over the limit and succeeds once TestClock crosses the window",
    () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const polyv = yield* PolyvClient
        yield* polyv.micHistory({})
        yield* polyv.micHistory({})
        const refused = yield* Effect.flip(polyv.micHistory({}))
        assert.strictEqual(refused._tag, "RateLimited")
        yield* TestClock.adjust("10 seconds")
        assert.isString((yield* polyv.micHistory({})).userId)
      }).pipe(
        Effect.provide(
          PolyvClient.layer({ ...credentials, retry: false }).pipe(
            Layer.provideMerge(
              MockLayer.inProcess({
                seed: "limits",
                now,
                rateLimit: { limit: 2, windowMillis: 10_000, blockMillis: 0 },
              }),
            ),
          ),
        ),
      ),
  )
})
