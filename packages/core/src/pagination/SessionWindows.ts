/**
 * Splits a date range into the windows the session list accepts (at most 60 days each). Windows
 * are whole seconds, both ends included, and consecutive windows touch without overlapping: the
 * next window ends one second before the previous one starts. Sessions are attributed by start
 * time, so each session falls in exactly one window. Newest window first, matching the endpoint's
 * newest-first order, so a walk over all windows keeps one order throughout.
 *
 * @module
 */
import { maxSpanDays } from "../contract/sessionList.js"
import { dayMillis } from "../time/ChinaTime.js"

/** A window of the session list: both ends included, in ms on whole seconds. */
export interface Window {
  readonly from: number
  readonly to: number
}

const second = 1000
/** The longest window the session list takes, in ms. */
export const maxSpan = maxSpanDays * dayMillis

const floorSecond = (ms: number) => Math.floor(ms / second) * second

/** The windows covering `from`..`to` (both included), newest first; none when `from` is after `to`. */
export const splitWindows = (from: number, to: number, span = maxSpan): Array<Window> => {
  const start = floorSecond(from)
  const windows: Array<Window> = []
  for (let end = floorSecond(to); end >= start; end = windows[windows.length - 1]!.from - second) {
    windows.push({ from: Math.max(start, end - span), to: end })
  }
  return windows
}
