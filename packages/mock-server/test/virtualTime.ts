/**
 * Runs an effect on virtual time when it mixes sleeps with real (in-process) I/O: one
 * `TestClock.adjust` cannot see a sleep that is scheduled only after a fetch settles on a later
 * turn of the event loop, so time is advanced in steps, letting pending I/O settle in between.
 */
import { Duration, Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"

const settleIo = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

export const onVirtualTime = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  { step = "1 second", limit = "1 hour" }: { step?: Duration.Input; limit?: Duration.Input } = {},
) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    const steps = Math.ceil(
      Duration.toMillis(Duration.fromInputUnsafe(limit)) / Duration.toMillis(Duration.fromInputUnsafe(step)),
    )
    for (let i = 0; i < steps && fiber.pollUnsafe() === undefined; i++) {
      yield* settleIo
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.join(fiber)
  })
