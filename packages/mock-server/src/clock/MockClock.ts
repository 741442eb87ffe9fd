/**
 * The mock's clock: a source of time (the real clock, a fixed instant, or Effect's `Clock`, so
 * `TestClock` drives it) plus an offset the admin API can set or advance at runtime. Everything
 * that depends on time — the data's "now" (default ranges, aggregation, which sessions have
 * ended), timestamps, nonces, the rate-limit window, report readiness and URL expiry — reads this
 * one clock, so moving it moves all of them together. The one exception is a `timestampClock`
 * (`--real-clock`): timestamps and nonces are then checked against it, and it does not move.
 * The clock can be moved only within {@link ClockRange} (a `RangeError` otherwise), so no move
 * can break a later answer.
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
import { Calendar } from "@polyv-stats/core"
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

/**
 * Reads an ISO instant with an explicit zone (`2026-01-15T08:00:00Z`) whose date exists;
 * `undefined` otherwise (`2026-02-30T00:00:00Z` included). The `--now` flag and the admin API's
 * clock both read instants with it; the calendar check is core's, shared with every date input.
 */
export const parseInstant = (text: string): number | undefined => Calendar.parseIsoInstant(text)
