/**
 * The calendar check every date and instant the project reads goes through: a date is accepted
 * only if it exists. JavaScript's `Date.UTC` and `Date.parse` roll an impossible date over
 * (`2026-02-30` becomes March 2, `24:00` the next day), which would silently send or serve another
 * day than the one typed; here such a date is refused instead.
 *
 * China-time dates (`ChinaTime`) and ISO instants (the mock's `--now` and its admin clock) are
 * both read through {@link utcMillis}.
 *
 * @example
 * ```ts
 * import { Calendar } from "@polyv-stats/core"
 *
 * Calendar.utcMillis(2024, 2, 29)                         // 1709164800000 (a leap day)
 * Calendar.utcMillis(2026, 2, 30)                         // undefined: February has no 30th
 * Calendar.parseIsoInstant("2026-01-15T16:00:00+08:00")  // 1768464000000
 * Calendar.parseIsoInstant("2026-02-30T00:00:00Z")       // undefined
 * ```
 * @module
 */

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

/** Days in `month` (1–12) of `year`, in the proleptic Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

const within = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max

/**
 * The UTC milliseconds of a calendar date and time of day (`month` 1–12), or `undefined` when it
 * does not exist: a 30th of February, a 31st of April, hour 24, minute or second 60.
 */
export const utcMillis = (
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millis = 0,
): number | undefined => {
  if (
    !within(year, 0, 9999) || !within(month, 1, 12) || !within(day, 1, daysInMonth(year, month)) ||
    !within(hour, 0, 23) || !within(minute, 0, 59) || !within(second, 0, 59) || !within(millis, 0, 999)
  ) return undefined
  // setUTCFullYear, unlike Date.UTC, does not read the years 0–99 as 1900–1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  return date.getTime()
}

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/

/**
 * Reads an ISO 8601 instant with an explicit zone — `2026-01-15T08:00:00Z`,
 * `2026-01-15T16:00:00+08:00`, seconds and milliseconds optional — whose date and time exist;
 * `undefined` for anything else.
 */
export const parseIsoInstant = (text: string): number | undefined => {
  const m = isoInstant.exec(text)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, fraction, sign, offsetHours, offsetMinutes] = m
  const local = utcMillis(
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((fraction ?? "").padEnd(3, "0")),
  )
  if (local === undefined) return undefined
  if (sign === undefined) return local
  const hours = Number(offsetHours)
  const minutes = Number(offsetMinutes)
  if (!within(hours, 0, 23) || !within(minutes, 0, 59)) return undefined
  return local - (sign === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000
}
