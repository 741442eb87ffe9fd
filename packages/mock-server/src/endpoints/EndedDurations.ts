/**
 * A channel's duration at a given now (page 002): the sum, in whole seconds, of its sessions ended
 * by then, each rounded on its own. The plain sum reads every session of the channel on every
 * request (a channel of 1000 sessions: ~21 % of a durations request in a loop of `respond`). A
 * channel's sessions never overlap and come newest first, so those ended by any now are one run at
 * the end of its history: with a running sum of their durations from the end, made once per
 * history, a request is one binary search. A history whose end instants are not in that order (none
 * the world makes or accepts) is summed the plain way. `test/endedDurations.test.ts` checks both
 * against the plain sum; the throughput row's durations measure it (bench/README.md, ninth pass).
 *
 * @module
 */
import type { History } from "../world/History.js"

/** The plain sum: every session ended by `now`, each rounded to whole seconds. */
export const plainEndedSeconds = (h: History, now: number): number => {
  let duration = 0
  for (let i = 0; i < h.length; i++) {
    const end = h.endTime[i]!
    // NaN (still live) fails the comparison.
    if (end <= now) duration += Math.round((end - h.startTime[i]!) / 1000)
  }
  return duration
}

/**
 * `sums[i]`: the seconds of the ended sessions `i…` (length + 1, `sums[length]` 0); `undefined`
 * when the end instants are not in the order the binary search needs: only the first session may
 * be live (NaN), and after it each ends no later than the one before.
 */
const runningSums = (h: History): Float64Array | undefined => {
  const { endTime, startTime, length } = h
  // `end > NaN` is false: a live first session lets any second one pass.
  for (let i = 1; i < length; i++) if (Number.isNaN(endTime[i]!) || endTime[i]! > endTime[i - 1]!) return undefined
  const sums = new Float64Array(length + 1)
  for (let i = length - 1; i >= 0; i--) {
    const end = endTime[i]!
    sums[i] = sums[i + 1]! + (Number.isNaN(end) ? 0 : Math.round((end - startTime[i]!) / 1000))
  }
  return sums
}

/** One mock's running sums, made on a history's first durations request and dropped with it. */
export class EndedDurations {
  private readonly sums = new WeakMap<History, Float64Array | null>()

  /** {@link plainEndedSeconds}, by one binary search. */
  seconds(h: History, now: number): number {
    let sums = this.sums.get(h)
    if (sums === undefined) {
      sums = runningSums(h) ?? null
      this.sums.set(h, sums)
    }
    if (sums === null) return plainEndedSeconds(h, now)
    // The first session ended by `now` (a live one, NaN, never is).
    let lo = 0
    let hi = h.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (h.endTime[mid]! <= now) hi = mid
      else lo = mid + 1
    }
    return sums[lo]!
  }
}
