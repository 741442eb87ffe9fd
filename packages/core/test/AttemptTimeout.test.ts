/**
 * The per-attempt timeout (`client/AttemptTimeout.ts`): on the live clock a plain timer beside the
 * forked attempt, under `TestClock` Effect's own race. Either way: the attempt's exit when it ends
 * first; otherwise the attempt is interrupted and `orElse` runs; interrupting the caller interrupts
 * the attempt and disarms the timer.
 */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Duration, Effect, Exit, Fiber, Redacted, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { vi } from "vitest"
import { timeoutOrElse } from "../src/client/AttemptTimeout.js"
import { PolyvClient } from "../src/index.js"
import { hostile, until } from "./hostileServer.js"

const timedOut = () => Effect.fail("timed out" as const)

/** An hour: no other timer of the test process is armed for that long, so these are the module's. */
const hour = Duration.hours(1)

/**
 * The real timers of an hour armed from now on, and which of them are still armed. Counted by
 * spying on `setTimeout`/`clearTimeout` (they still run), not by the process's active handles,
 * which other tests' timers also move.
 */
const watchHourTimers = Effect.acquireRelease(
  Effect.sync(() => {
    const set = vi.spyOn(globalThis, "setTimeout")
    const clear = vi.spyOn(globalThis, "clearTimeout")
    const armed = () =>
      set.mock.calls.flatMap((call, i) => (call[1] === Duration.toMillis(hour) ? [set.mock.results[i]!.value] : []))
    const stillArmed = () => {
      const cleared = new Set(clear.mock.calls.map((call) => call[0]))
      return armed().filter((timer) => !cleared.has(timer))
    }
    return { armed, stillArmed, restore: () => (set.mockRestore(), clear.mockRestore()) }
  }),
  (watch) => Effect.sync(watch.restore),
)

/** An attempt that runs until interrupted, and says when it started and when it was interrupted. */
const endless = Effect.gen(function*() {
  const started = yield* Deferred.make<void>()
  const interrupted = yield* Deferred.make<void>()
  const attempt = Effect.andThen(Deferred.succeed(started, undefined), Effect.never).pipe(
    Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined)),
  )
  return { attempt, started, interrupted }
})

describe("the attempt's timeout", () => {
  it.live("live clock: the attempt's own success or failure when it ends first, and no timer left armed", () =>
    Effect.gen(function*() {
      const timers = yield* watchHourTimers
      expect(yield* timeoutOrElse(Effect.succeed(7), hour, timedOut)).toBe(7)
      const failed = yield* Effect.exit(timeoutOrElse(Effect.fail("refused" as const), hour, timedOut))
      expect(failed).toStrictEqual(Exit.fail("refused"))
      // One that ends after a turn of the event loop, not synchronously.
      expect(yield* timeoutOrElse(Effect.as(Effect.yieldNow, 8), hour, timedOut)).toBe(8)
      expect(timers.armed()).toHaveLength(3)
      expect(timers.stillArmed()).toHaveLength(0)
    }).pipe(Effect.scoped))

  it.live("live clock: past the duration, the attempt is interrupted and orElse decides", () =>
    Effect.gen(function*() {
      const { attempt, interrupted } = yield* endless
      const exit = yield* Effect.exit(timeoutOrElse(attempt, Duration.millis(20), timedOut))
      expect(exit).toStrictEqual(Exit.fail("timed out"))
      expect(yield* Deferred.isDone(interrupted)).toBe(true)
    }))

  // As Effect's race does: a caller cleaning up after an interrupt finds its request already
  // cancelled, not still in flight until the caller's fiber ends — whether the interrupt comes
  // while the caller waits (its timer armed) or in the step between the fork and the wait.
  for (const moment of ["while the caller waits", "as soon as the attempt starts"] as const) {
    it.live(`live clock: interrupted ${moment}, the attempt ends before the caller's interrupt handlers run`, () =>
      Effect.gen(function*() {
        const timers = yield* watchHourTimers
        const { attempt, started, interrupted } = yield* endless
        const seenByCaller = yield* Deferred.make<boolean>()
        const caller = yield* Effect.forkChild(
          timeoutOrElse(attempt, hour, timedOut).pipe(
            Effect.onInterrupt(() =>
              Effect.flatMap(Deferred.isDone(interrupted), (done) => Deferred.succeed(seenByCaller, done))
            ),
          ),
        )
        yield* Deferred.await(started)
        if (moment === "while the caller waits") yield* until(() => timers.stillArmed().length === 1)
        yield* Fiber.interrupt(caller)
        expect(yield* Deferred.await(seenByCaller)).toBe(true)
        expect(timers.stillArmed()).toHaveLength(0)
      }).pipe(Effect.scoped))
  }

  it.effect("TestClock: virtual time decides, with no real timer armed", () =>
    Effect.gen(function*() {
      const timers = yield* watchHourTimers
      const { attempt, started, interrupted } = yield* endless
      const caller = yield* Effect.forkChild(Effect.exit(timeoutOrElse(attempt, hour, timedOut)))
      yield* Deferred.await(started)
      yield* TestClock.adjust(Duration.minutes(59))
      expect(caller.pollUnsafe()).toBeUndefined()
      yield* TestClock.adjust(Duration.minutes(1))
      expect(yield* Fiber.join(caller)).toStrictEqual(Exit.fail("timed out"))
      expect(yield* Deferred.isDone(interrupted)).toBe(true)
      expect(timers.armed()).toHaveLength(0)
    }).pipe(Effect.scoped))

  it.live("a call to a server that never answers fails as timed out, its request closed", () =>
    Effect.gen(function*() {
      const server = yield* hostile([() => {}])
      const layer = PolyvClient.layerNode({
        appId: "app",
        appSecret: Redacted.make("timeout-test-secret"),
        baseUrl: server.url,
        rateLimit: false,
        retry: { schedule: Schedule.recurs(0) },
        // Long enough for the request to reach the server on a loaded machine, short for a test.
        timeout: Duration.millis(250),
      })
      const exit = yield* Effect.exit(
        PolyvClient.use((polyv) => polyv.sessionList({ channelId: "1" })).pipe(Effect.provide(layer)),
      )
      const error = Exit.isFailure(exit) ? Exit.findErrorOption(exit) : undefined
      expect(error?._tag === "Some" && error.value).toMatchObject({
        _tag: "TransportError",
        timedOut: true,
        message: "no answer within 250ms",
      })
      // The request was sent, and its connection closed by the client when the attempt was interrupted.
      yield* until(() => server.closed() === 1)
      expect(server.requests).toHaveLength(1)
    }).pipe(Effect.scoped))
})
