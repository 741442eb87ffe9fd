/**
 * The mock's clock: a source of time (the real clock, a fixed instant, or Effect's `Clock`, so
 * `TestClock` drives it) plus an offset the admin API can set or advance at runtime. Everything
 * that depends on time — the data's "now" (default ranges, aggregation, which sessions have
 * ended), timestamps, nonces, the rate-limit window, report readiness and URL expiry — reads this
 * one clock, so moving it moves all of them together. The one exception is a `timestampClock`
 * (`--real-clock`): timestamps and nonces are then checked against it, and it does not move.
 * The clock can be moved only within {@link ClockRange} (a `RangeError` otherwise), so no move
 * can break a later answer; and it reads within that range whatever its source says: it runs on
 * from a `set` near the end, so without a bound it would leave the range a moment later (14-digit
 * times, six-digit years in the journal). It stops at the end instead: a clock standing still in
 * 2286 is the least surprising of the choices, and the only one that keeps every date the mock
 * writes valid. (A source below the range is a caller's own virtual clock, e.g. `TestClock` before
 * its first `setTime`: it reads as the range's start.)
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

  /** The mock's current time (ms), always within {@link ClockRange}. */
  now(): number {
    return ClockRange.clamp(this.source() + this.offset)
  }

  /** Jumps to an instant; the clock runs on from there at the source's pace. */
  set(instant: number): void {
    const problem = ClockRange.problem("the clock", instant)
    if (problem !== undefined) throw new RangeError(problem)
    this.offset = instant - this.source()
  }

  /**
   * Moves the clock forward (or back, with a negative amount) from what it shows: from the range's
   * end when it has run into it, not from where its unbounded reading would be.
   */
  advance(millis: number): void {
    const now = this.now()
    const problem = ClockRange.advanceProblem(now, millis)
    if (problem !== undefined) throw new RangeError(problem)
    this.set(now + millis)
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
