/**
 * Fault injection: each kind forced by the header and hit by a seeded rate, reproducibly; reset
 * and latency where they really happen (the socket, the in-process fetch, the Effect layer).
 * Nothing waits on real time: latency goes through an injected sleep or TestClock.
 */
import { assert, it as effectIt } from "@effect/vitest"
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Fiber, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import {
  demoCredentials,
  faultHeader,
  type FaultKind,
  faultKinds,
  MockLayer,
  type MockOptions,
  PolyvMock,
  startServer,
} from "../src/index.js"
import { adminPost, now, signed } from "./support.js"

const path = Contract.micHistory.path
const url = (base: string) => `${base}${path}?${new URLSearchParams(signed({}))}`

/** What a client sees of one request: the status, or "reset". */
const outcome = async (mock: PolyvMock, headers: Record<string, string> = {}): Promise<string> => {
  try {
    const response = await mock.fetch(url("http://mock.test"), { headers })
    const text = await response.text()
    let kind = "json"
    try {
      kind = (JSON.parse(text) as { status: string }).status
    } catch {
      kind = "not-json"
    }
    return `${response.status}:${kind}`
  } catch (error) {
    return error instanceof TypeError ? "reset" : `other: ${String(error)}`
  }
}

const noSleep = async () => {}
const fixed = (options: MockOptions = {}) =>
  new PolyvMock({ seed: "faults", now, clock: () => now, sleep: noSleep, ...options })

describe("forced by the x-polyv-mock-fault header, one request only", () => {
  const expected: Record<FaultKind, string> = {
    "server-error": "502:not-json",
    // v4 (mic history) has no documented "fail" status: code 500, status "error", error.code 50000.
    fail: "500:error",
    "rate-limit": "429:error",
    malformed: "200:not-json",
    latency: "200:success",
    reset: "reset",
  }
  for (const kind of faultKinds) {
    it(kind, async () => {
      const mock = fixed()
      expect(await outcome(mock, { [faultHeader]: kind })).toBe(expected[kind])
      expect(await outcome(mock)).toBe("200:success")
      expect(mock.journal.entries()[0]!.outcome.fault).toBe(kind)
    })
  }
})

describe("by seeded rates", () => {
  const run = async (seed: string, n = 60) => {
    const mock = fixed({ seed, faults: { rates: { "server-error": 0.2, fail: 0.1, reset: 0.1, malformed: 0.1 } } })
    const seen: Array<string> = []
    for (let i = 0; i < n; i++) seen.push(await outcome(mock))
    return seen
  }

  it("hits about the configured share of requests, each kind", async () => {
    const seen = await run("rates", 400)
    const share = (o: string) => seen.filter((s) => s === o).length / seen.length
    expect(share("502:not-json")).toBeGreaterThan(0.12)
    expect(share("502:not-json")).toBeLessThan(0.28)
    expect(share("reset")).toBeGreaterThan(0.04)
    expect(share("500:error")).toBeGreaterThan(0.04)
    expect(share("200:not-json")).toBeGreaterThan(0.04)
    expect(share("200:success")).toBeGreaterThan(0.35)
  })

  it("is reproducible: same seed, same faults on the same requests; another seed, others", async () => {
    expect(await run("one")).toEqual(await run("one"))
    expect(await run("one")).not.toEqual(await run("two"))
  })

  it("POST /__mock/reset restarts the draws, so a reset mock repeats a fresh one", async () => {
    const mock = fixed({ faults: { rates: { reset: 0.5 } } })
    const first: Array<string> = []
    for (let i = 0; i < 20; i++) first.push(await outcome(mock))
    await mock.fetch("http://mock.test/__mock/reset", adminPost())
    const again: Array<string> = []
    for (let i = 0; i < 20; i++) again.push(await outcome(mock))
    expect(again).toEqual(first)
  })

  it("refuses rates that add up to more than 1", () => {
    expect(() => fixed({ faults: { rates: { reset: 0.7, fail: 0.7 } } })).toThrow(/at most 1/)
  })
})

describe("latency in-process: waits through the injected sleep", () => {
  it("the answer comes after sleep(latencyMillis) resolves", async () => {
    const sleeps: Array<number> = []
    let wake = () => {}
    const mock = fixed({
      faults: { latencyMillis: 1234 },
      sleep: (ms) => new Promise<void>((resolve) => (sleeps.push(ms), wake = resolve)),
    })
    let done = false
    const pending = mock.fetch(url("http://mock.test"), { headers: { [faultHeader]: "latency" } }).then((r) => {
      done = true
      return r
    })
    await new Promise((r) => setImmediate(r))
    expect(sleeps).toEqual([1234])
    expect(done).toBe(false)
    wake()
    expect((await pending).status).toBe(200)
  })

  it("an aborted request stops waiting, as fetch does", async () => {
    const mock = fixed({ sleep: () => new Promise<void>(() => {}) })
    const controller = new AbortController()
    const pending = mock.fetch(url("http://mock.test"), {
      headers: { [faultHeader]: "latency" },
      signal: controller.signal,
    })
    controller.abort()
    await expect(pending).rejects.toThrow()
  })
})

describe("latency in the Effect layer: TestClock drives it", () => {
  const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
  effectIt.effect("a call with a 5 s latency completes only once TestClock passes 5 s", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const fiber = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(Effect.forkChild)
      yield* TestClock.adjust("4999 millis")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 millis")
      const mic = yield* Fiber.join(fiber)
      assert.isString(mic.userId)
    }).pipe(
      Effect.provide(
        PolyvClient.layer({ ...credentials, retry: false }).pipe(
          Layer.provideMerge(
            MockLayer.inProcess({ seed: "faults", now, faults: { rates: { latency: 1 }, latencyMillis: 5000 } }),
          ),
        ),
      ),
    ))

  effectIt.effect(
    "a latency past the client's timeout: the call gives up at its timeout, not the mock's",
    () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const fiber = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(Effect.flip, Effect.forkChild)
        yield* TestClock.adjust("2 seconds")
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, "TransportError")
        assert.include(error.message, "no answer within 2s")
        assert.strictEqual(error._tag === "TransportError" && error.timedOut, true)
      }).pipe(
        Effect.provide(
          PolyvClient.layer({ ...credentials, retry: false, timeout: "2 seconds" }).pipe(
            Layer.provideMerge(
              MockLayer.inProcess({ seed: "faults", now, faults: { rates: { latency: 1 }, latencyMillis: 60_000 } }),
            ),
          ),
        ),
      ),
  )

  effectIt.effect(
    "a reset is a dropped connection: a TransportError naming ECONNRESET, journaled as status 0",
    () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const error = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(Effect.flip)
        assert.strictEqual(error._tag, "TransportError")
        assert.include(error.message, "ECONNRESET")
        assert.notStrictEqual(error._tag === "TransportError" && error.timedOut, true) // dropped, not timed out
        const mock = yield* MockLayer.Mock
        assert.deepStrictEqual(mock.journal.entries().map((e) => e.outcome.status), [0])
      }).pipe(
        Effect.provide(
          PolyvClient.layer({ ...credentials, retry: false }).pipe(
            Layer.provideMerge(MockLayer.inProcess({ seed: "faults", now, faults: { rates: { reset: 1 } } })),
          ),
        ),
      ),
  )

  effectIt.effect("a sleep given in the options is the one latency waits on", () => {
    const sleeps: Array<number> = []
    return Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const mic = yield* PolyvClient.use((polyv) => polyv.micHistory({}))
      assert.isString(mic.userId)
      assert.deepStrictEqual(sleeps, [750])
    }).pipe(
      Effect.provide(
        PolyvClient.layer({ ...credentials, retry: false }).pipe(Layer.provideMerge(MockLayer.inProcess({
          seed: "faults",
          now,
          faults: { rates: { latency: 1 }, latencyMillis: 750 },
          sleep: async (ms) => void sleeps.push(ms),
        }))),
      ),
    )
  })
})

describe("on the socket", () => {
  it("reset destroys the connection: fetch rejects; the next request is answered", async () => {
    const running = await startServer({ seed: "faults", now, clock: () => now })
    try {
      await expect(fetch(url(running.url), { headers: { [faultHeader]: "reset" } })).rejects.toThrow(TypeError)
      expect((await fetch(url(running.url))).status).toBe(200)
      expect(running.mock.journal.entries().map((e) => e.outcome.status)).toEqual([0, 200])
    } finally {
      await running.close()
    }
  })

  it("latency holds the answer back through the injected sleep", async () => {
    const sleeps: Array<number> = []
    const running = await startServer({
      seed: "faults",
      now,
      clock: () => now,
      faults: { latencyMillis: 750 },
      sleep: async (ms) => void sleeps.push(ms),
    })
    try {
      const response = await fetch(url(running.url), { headers: { [faultHeader]: "latency" } })
      expect(response.status).toBe(200)
      expect(sleeps).toEqual([750])
    } finally {
      await running.close()
    }
  })
})
