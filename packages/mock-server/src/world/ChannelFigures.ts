/**
 * A channel's figures in compact, query-ready form, for the endpoints that scan every channel
 * (yunduo peaks, mic minutes). Built once per channel from its sessions and then kept (a few
 * typed arrays, ~24 bytes a session), so repeated scans of a 1000 × 1000 world neither
 * regenerate histories nor hold a million session objects.
 *
 * - Peaks: sessions by `peakAt`, newest first (the order the session list shows), to find the
 *   highest peak in a time range.
 * - Mic minutes: prefix sums over sessions sorted by the China day they started, so the minutes
 *   of any day range are one subtraction.
 *
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"
import type { WorldSession } from "./World.js"

export interface ChannelFigures {
  /** Peak instants, newest first. */
  readonly peakAt: Float64Array
  readonly peakViewers: Float64Array
  /** Start days (China midnight, ms), ascending. */
  readonly micDay: Float64Array
  /** `micPrefix[i]` = minutes of the first `i` sessions in `micDay` order (length n + 1). */
  readonly micPrefix: Float64Array
}

export const figuresOf = (sessions: ReadonlyArray<WorldSession>): ChannelFigures => {
  const byPeak = sessions.toSorted((a, b) => b.peakAt - a.peakAt)
  const byDay = sessions
    .map((s) => ({ day: ChinaTime.startOfDay(s.startTime), minutes: s.micMinutes }))
    .toSorted((a, b) => a.day - b.day)
  const micPrefix = new Float64Array(byDay.length + 1)
  byDay.forEach((s, i) => (micPrefix[i + 1] = micPrefix[i]! + s.minutes))
  return {
    peakAt: Float64Array.from(byPeak, (s) => s.peakAt),
    peakViewers: Float64Array.from(byPeak, (s) => s.peakViewers),
    micDay: Float64Array.from(byDay, (s) => s.day),
    micPrefix,
  }
}

/** The first index whose value is ≥ `value` in an ascending array. */
const lowerBound = (sorted: Float64Array, value: number): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Mic minutes of the sessions that started on days `fromDay`..`toDay` (both included). */
export const micMinutes = (f: ChannelFigures, fromDay: number, toDay: number): number =>
  toDay < fromDay ? 0 : f.micPrefix[lowerBound(f.micDay, toDay + 1)]! - f.micPrefix[lowerBound(f.micDay, fromDay)]!

/** The highest peak with `from <= peakAt < to` (the newest on a tie), or `undefined`. */
export const highestPeak = (
  f: ChannelFigures,
  from: number,
  to: number,
): { readonly peakAt: number; readonly peakViewers: number } | undefined => {
  let best = -1
  // peakAt is descending: skip the peaks at or after `to`, stop before `from`.
  for (let i = 0; i < f.peakAt.length; i++) {
    const at = f.peakAt[i]!
    if (at >= to) continue
    if (at < from) break
    if (best < 0 || f.peakViewers[i]! > f.peakViewers[best]!) best = i
  }
  return best < 0 ? undefined : { peakAt: f.peakAt[best]!, peakViewers: f.peakViewers[best]! }
}
