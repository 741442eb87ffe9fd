/**
 * A channel's figures in compact, query-ready form, for the endpoints that scan every channel
 * (yunduo peaks, mic minutes). Built once per channel from its sessions and then kept (a few
 * typed arrays, ~24 bytes a session), so repeated scans of a 1000 × 1000 world neither
 * regenerate histories nor hold a million session objects.
 *
 * - Peaks: sessions sorted by their peak instant, latest first, so the peaks of a time range are
 *   one run of them (see {@link highestPeak}). A generated history is already in that order (a
 *   channel's sessions never overlap, so the later session has the later peak); the sort makes
 *   the order this module relies on its own, not the generator's.
 * - Mic minutes: prefix sums over sessions sorted by the China day they started, so the minutes
 *   of any day range are one subtraction.
 *
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"
import type { History } from "./History.js"

export interface ChannelFigures {
  /** Peak instants, latest first. */
  readonly peakAt: Float64Array
  readonly peakViewers: Float64Array
  /** Start days (China midnight, ms), ascending. */
  readonly micDay: Float64Array
  /** `micPrefix[i]` = minutes of the first `i` sessions in `micDay` order (length n + 1). */
  readonly micPrefix: Float64Array
}

export const figuresOf = (h: History): ChannelFigures => {
  const indexes = Array.from({ length: h.length }, (_, i) => i)
  // Stable sorts of session indexes: equal keys keep the history's order (newest session first).
  const byPeak = indexes.toSorted((a, b) => h.peakAt[b]! - h.peakAt[a]!)
  const days = Float64Array.from(indexes, (i) => ChinaTime.startOfDay(h.startTime[i]!))
  const byDay = indexes.toSorted((a, b) => days[a]! - days[b]!)
  const micPrefix = new Float64Array(byDay.length + 1)
  byDay.forEach((s, i) => (micPrefix[i + 1] = micPrefix[i]! + h.micMinutes[s]!))
  return {
    peakAt: Float64Array.from(byPeak, (i) => h.peakAt[i]!),
    peakViewers: Float64Array.from(byPeak, (i) => h.peakViewers[i]!),
    micDay: Float64Array.from(byDay, (i) => days[i]!),
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
