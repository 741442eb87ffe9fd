/**
 * Polyv's wire dates and date-times are China time (UTC+8, no daylight saving); millisecond
 * timestamps are absolute. These helpers convert between the two without touching the host's
 * time zone, so results are the same on every machine.
 *
 * @example
 * ```ts
 * import { ChinaTime } from "@polyv-stats/core"
 *
 * ChinaTime.formatDateTime(Date.UTC(2022, 4, 1, 16, 0, 0)) // "2022-05-02 00:00:00"
 * ChinaTime.parse("2022-05-02")                             // 1651420800000
 * ```
 * @module
 */
import * as Calendar from "./Calendar.js"

/** The fixed offset of China time from UTC, in milliseconds. */
export const offsetMillis = 8 * 60 * 60 * 1000

/** One calendar day in milliseconds (China time has no DST, so every day has this length). */
export const dayMillis = 24 * 60 * 60 * 1000

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

const shifted = (ms: number) => new Date(ms + offsetMillis)

/** `yyyy-MM-dd` of the China calendar day that contains the instant `ms`. */
export const formatDate = (ms: number): string => {
  const d = shifted(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** `yyyy-MM-dd HH:mm:ss` of the instant `ms`, in China time. */
export const formatDateTime = (ms: number): string => {
  const d = shifted(ms)
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

const fromParts = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined => {
  const utc = Calendar.utcMillis(y, mo, d, h, mi, s)
  return utc === undefined ? undefined : utc - offsetMillis
}

/** Parses a strict `yyyy-MM-dd` (China midnight); `undefined` when it is not a real calendar date (see `Calendar`). */
export const parseDate = (text: string): number | undefined => {
  const m = datePattern.exec(text)
  return m ? fromParts(Number(m[1]), Number(m[2]), Number(m[3])) : undefined
}

/**
 * Parses `yyyy-MM-dd HH:mm:ss` or, meaning midnight, `yyyy-MM-dd` — the two forms page 004
 * accepts. `undefined` for anything else.
 */
export const parse = (text: string): number | undefined => {
  const m = dateTimePattern.exec(text)
  if (m) {
    return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  }
  return parseDate(text)
}

/** The instant at which the China calendar day containing `ms` begins. */
export const startOfDay = (ms: number): number => ms - ((ms + offsetMillis) % dayMillis + dayMillis) % dayMillis
