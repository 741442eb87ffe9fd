/**
 * The per-attempt timeout, cheaper on the live clock.
 *
 * Effect's `timeoutOrElse` races the attempt against a sleep: two forked fibers per attempt (the
 * attempt and the sleeper, whose sleep on the live clock is a `setTimeout` anyway), an `Option` per
 * outcome, and the loser interrupted. On the live clock — the default, what users run — this module
 * forks only the attempt and arms a plain timer beside it: the same `setTimeout` the sleeper would
 * have armed, without its fiber. Under any other clock (`TestClock`, or a clock a user provides) it is
 * Effect's `timeoutOrElse` itself, so virtual time drives every timeout the tests drive.
 *
 * Either way the outcome is the same: the attempt's own exit if it ends first; otherwise the attempt
 * is interrupted (so its request is destroyed) and `orElse` runs. Interrupting the caller disarms
 * the timer and interrupts the attempt before the caller's own interrupt handlers run.
 *
 * @module
 */
import { Clock, Context, Duration, Effect, Fiber } from "effect"

/** The live clock: the value `Clock.Clock` has in any fiber that was given no other. */
const liveClock = Context.get(Context.empty(), Clock.Clock)

/** The longest delay `setTimeout` keeps (a longer one fires at once); Effect's sleep splits such waits. */
const maxTimerMillis = 2 ** 31 - 1

/**
 * `self`, or `orElse()` when it has not ended within `duration`: `Effect.timeoutOrElse`, with one
 * fiber fewer on the live clock.
 */
export const timeoutOrElse = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  orElse: () => Effect.Effect<never, E2>,
): Effect.Effect<A, E | E2, R> => {
  const millis = Duration.toMillis(duration)
  const plain = () => Effect.timeoutOrElse(self, { duration, orElse })
  // Where the timer cannot stand in for the sleep exactly, Effect's race decides.
  if (!(millis > 0 && millis <= maxTimerMillis)) return plain()
  return Effect.withFiber((fiber) => {
    if (fiber.getRef(Clock.Clock) !== liveClock) return plain()
    // Interrupting the caller — while it waits, or in the step between the fork and the wait —
    // interrupts the attempt there and then, as Effect's race does: the request is cancelled
    // before the caller's own interrupt handlers run, not when the caller's fiber ends. (Measured:
    // this costs less per call than `uninterruptibleMask` around both steps.)
    let attempt: Fiber.Fiber<A, E> | undefined
    return Effect.onInterrupt(
      // The fork and the note of it in one uninterruptible step (the attempt itself interruptible):
      // an interrupt cannot land between them.
      Effect.flatMap(
        Effect.uninterruptible(
          Effect.map(
            Effect.forkChild(Effect.interruptible(self), { startImmediately: true }),
            (forked) => (attempt = forked),
          ),
        ),
        (forked) =>
          Effect.callback<A, E | E2>((resume) => {
            const timer = setTimeout(() => {
              stopObserving()
              resume(Effect.andThen(Fiber.interrupt(forked), orElse()))
            }, millis)
            const stopObserving = forked.addObserver((exit) => {
              clearTimeout(timer)
              resume(exit)
            })
            return Effect.sync(() => {
              clearTimeout(timer)
              stopObserving()
            })
          }),
      ),
      () => attempt === undefined ? Effect.void : Fiber.interrupt(attempt),
    )
  })
}
