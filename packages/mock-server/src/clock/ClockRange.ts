/**
 * Where the mock's clock may be: every instant a 13-digit millisecond timestamp can name, from
 * 2001-09-09T01:46:40Z to 2286-11-20T17:46:39.999Z. Polyv's `timestamp` is 13 digits, so outside
 * this range no signed request could ever pass the timestamp check; inside it every date the mock
 * writes (journal, report links, request IDs, China-time fields) stays a valid four-digit-year date.
 *
 * @example
 * ```ts
 * import { ClockRange } from "@polyv-stats/mock-server"
 *
 * ClockRange.problem("set", Date.parse("2026-01-01T00:00:00Z")) // undefined: in range
 * ClockRange.problem("set", 8_640_000_000_000_001) // "set must be an instant from 2001-09-09T01:46:40.000Z …"
 * ```
 * @module
 */

import { Contract } from "@polyv-stats/core"

/** The earliest instant (ms) the clock may show: the first a 13-digit timestamp names (core's contract). */
export const min: number = Contract.WireTypes.millisParamRange.min

/** The latest instant (ms) the clock may show: the last a 13-digit timestamp names. */
export const max: number = Contract.WireTypes.millisParamRange.max

/** The range, for messages. */
export const text = `${new Date(min).toISOString()} to ${
  new Date(max).toISOString()
} (${min} to ${max} ms: what a 13-digit timestamp can name)`

/** Whether the clock may show `ms`. */
export const contains = (ms: number): boolean => Number.isSafeInteger(ms) && ms >= min && ms <= max

/**
 * `ms` brought into the range: the nearest end when outside it. The clock reads through this, so
 * one that was set near the end and keeps running stops at {@link max} instead of leaving it.
 */
export const clamp = (ms: number): number => (ms < min ? min : ms > max ? max : ms)

/** Why `field` = `ms` cannot be the clock's time, or `undefined` when it can. */
export const problem = (field: string, ms: number): string | undefined =>
  contains(ms) ? undefined : `${field} must be an instant from ${text}; got ${ms}`

/** Why moving a clock that shows `now` by `millis` is refused, or `undefined` when it may move. */
export const advanceProblem = (now: number, millis: number): string | undefined =>
  Number.isSafeInteger(millis) && contains(now + millis)
    ? undefined
    : `advance must be a whole number of milliseconds from ${min - now} to ${max - now}, so that the clock ` +
      `(now ${now}) stays within ${text}; got ${millis}`
