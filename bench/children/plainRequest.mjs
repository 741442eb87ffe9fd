// A session-list request as a plain Node script would make it: Polyv's signing rule written out
// with `node:crypto` (blank parameters dropped, names sorted, name + value joined, MD5 of
// secret + that + secret, upper-case hex), China-time dates, and the same 60-day windows as core's
// stream. The baselines use it so that they load nothing of ours, nor effect: a baseline that
// imports the library it is compared with pays its start-up, and flatters the library.
// `lib.mjs`'s `checkPlainRequest` proves it equal to core's signing and windows before a row runs.
import { createHash } from "node:crypto"

const dayMillis = 86_400_000
const chinaOffset = 8 * 3_600_000

/** Newest first, each at most `spanDays` long, whole seconds, as core's `SessionWindows.splitWindows`. */
export const splitWindows = (from, to, spanDays) => {
  const floor = (ms) => Math.floor(ms / 1000) * 1000
  const start = floor(from)
  const windows = []
  for (let end = floor(to); end >= start; end = windows[windows.length - 1].from - 1000) {
    windows.push({ from: Math.max(start, end - spanDays * dayMillis), to: end })
  }
  return windows
}

const pad = (n) => String(n).padStart(2, "0")

/** `yyyy-MM-dd HH:mm:ss` in China time (UTC+8), as Polyv reads a date-time. */
export const chinaDateTime = (ms) => {
  const d = new Date(ms + chinaOffset)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${
    pad(d.getUTCMinutes())
  }:${pad(d.getUTCSeconds())}`
}

const blank = (value) => value === null || value === undefined || String(value).trim() === ""

/** The sign of `params` (strings) with `secret`. */
export const sign = (secret, params) => {
  let canonical = ""
  for (const name of Object.keys(params).toSorted()) {
    if (name !== "sign" && !blank(params[name])) canonical += name + params[name]
  }
  return createHash("md5").update(secret + canonical + secret).digest("hex").toUpperCase()
}

/** `path?…&sign=…` for `params` with `appId` and `timestamp` added. */
export const signedPath = (path, params, { appId, secret }, now = Date.now()) => {
  const all = { ...params, appId, timestamp: String(now) }
  const query = new URLSearchParams(
    Object.entries(all).filter(([, value]) => !blank(value)).toSorted(([a], [b]) => (a < b ? -1 : 1)),
  )
  query.append("sign", sign(secret, all))
  return `${path}?${query}`
}
