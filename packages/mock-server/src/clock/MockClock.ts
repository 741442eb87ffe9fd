/**
 * The mock's clock: a source of time (the real clock, a fixed instant, or Effect's `Clock`, so
 * `TestClock` drives it) plus an offset the admin API can set or advance at runtime. Every check
 * that depends on time — timestamps, nonces, the rate-limit window, report readiness and URL
 * expiry — reads this one clock, so moving it moves all of them together. It can be moved only
 * within {@link ClockRange} (a `RangeError` otherwise), so no move can break a later answer.
 *
 * @example
 * ```ts
 * import { MockClock } from "@polyv-stats/mock-server"
 *
 * const clock = new MockClock(() => Date.parse("2026-01-01T00:00:00Z"))
 * clock.advance(60_000)
 * clock.now() // 2026-01-01T00:01:00Z in ms
 * ```
 * @module
 */
import * as ClockRange from "./ClockRange.js"

export class MockClock {
  private offset = 0

  constructor(private readonly source: () => number) {}

  /** The mock's current time (ms). */
  now(): number {
    return this.source() + this.offset
  }

  /** Jumps to an instant; the clock runs on from there at the source's pace. */
  set(instant: number): void {
    const problem = ClockRange.problem("the clock", instant)
    if (problem !== undefined) throw new RangeError(problem)
    this.offset = instant - this.source()
  }

  /** Moves the clock forward (or back, with a negative amount). */
  advance(millis: number): void {
    const problem = ClockRange.advanceProblem(this.now(), millis)
    if (problem !== undefined) throw new RangeError(problem)
    this.offset += millis
  }

  /** How far the admin API has moved the clock from its source. */
  get offsetMillis(): number {
    return this.offset
  }
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** Reads an ISO instant with an explicit zone (`2026-01-15T08:00:00Z`); `undefined` otherwise. */
export const parseInstant = (text: string): number | undefined => {
  const ms = isoInstant.test(text) ? Date.parse(text) : Number.NaN
  return Number.isFinite(ms) ? ms : undefined
}
