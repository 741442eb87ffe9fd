/**
 * An inactivity timeout: the work fails when it shows no progress for a given time, however long
 * it runs in all. A transfer that keeps moving, however slowly, is not cut; one that stalls
 * fails within the timeout.
 *
 * One watchdog per run rather than a timeout around each step: it starts with the work and sleeps
 * until the last sign of activity is `timeout` old, so its clock runs even between two steps (and a
 * test can move a `TestClock` past it as soon as it has seen progress, with nothing left to race).
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */
import { Duration, Effect } from "effect"

/**
 * Runs `work`, which calls `active` on every sign of progress; fails with `onIdle()` (and
 * interrupts the work, running its finalizers first) when `timeout` passes with none since the start
 * or since the last one. An infinite timeout never fires.
 */
export const within = <A, E, R, E2>(
  timeout: Duration.Duration,
  onIdle: () => E2,
  work: (active: () => void) => Effect.Effect<A, E, R>,
): Effect.Effect<A, E | E2, R> => {
  if (!Duration.isFinite(timeout)) return work(() => {})
  const limit = Duration.toMillis(timeout)
  return Effect.clockWith((clock) => {
    let last = clock.currentTimeMillisUnsafe()
    const active = () => {
      last = clock.currentTimeMillisUnsafe()
    }
    const watchdog: Effect.Effect<never, E2> = Effect.suspend(() => {
      const left = last + limit - clock.currentTimeMillisUnsafe()
      return left <= 0 ? Effect.fail(onIdle()) : Effect.andThen(Effect.sleep(Duration.millis(left)), watchdog)
    })
    return Effect.raceFirst(work(active), watchdog)
  })
}
