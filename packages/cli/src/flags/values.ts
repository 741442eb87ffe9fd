/**
 * Parsers for flag values, shared by every command. Each returns `Option.none()` for a value it
 * refuses; the flag then fails with effect/cli's `InvalidValue`, which names the flag, the value
 * and the `expected` text below (exit code 2).
 *
 * @module
 */
import { ChinaTime, Contract, Pacing } from "@polyv-stats/core"
import { Duration, Option } from "effect"

const { idExpected } = Contract.WireTypes

/** The one window `--rate-limit` accepts: Polyv's, as its quota is counted (`10s`). */
export const rateWindow = Duration.format(Pacing.polyvQuota.window)

export const expected = {
  channelId: `${idExpected.channelId}, e.g. 2272655`,
  positiveInt: "a whole number of 1 or more",
  date: "yyyy-MM-dd or \"yyyy-MM-dd HH:mm:ss\" (China time, UTC+8), e.g. 2026-01-31",
  url: "an http:// or https:// URL, e.g. https://api.polyv.net",
  day: "a date yyyy-MM-dd (China time, UTC+8), e.g. 2026-01-31",
  channelIds: "channel IDs made of digits, separated by commas, e.g. 2272655,2477096",
  userIds: "user IDs of letters, digits, _ and -, separated by commas, e.g. 1b448be323,2c559cf434",
  duration: "a duration such as 500ms, 20s, 5m or 1h (a bare number means seconds)",
  wholeNumber: "a whole number of 0 or more",
  sessionId: `${idExpected.sessionId}, e.g. fv3ldt4dhn`,
  file: "a file path",
  rateLimit:
    `N/${rateWindow}, at most N requests per ${rateWindow} with N a whole number of 1 or more (at most ${Pacing.polyvQuota.limit}, Polyv's quota, unless --base-url is not Polyv's), e.g. 600/${rateWindow}`,
} as const

/** The ID formats are the contract's: the CLI refuses what the client would, no more, no less. */
const { channelIdPattern, sessionIdPattern, userIdPattern, wholeNumberPattern } = Contract.WireTypes

/** A text that matches `pattern` whole. */
const matching = (pattern: RegExp) => (text: string): Option.Option<string> =>
  pattern.test(text) ? Option.some(text) : Option.none()

export const channelId = matching(channelIdPattern)

/** A file path: anything but blank (whether it can be written is checked when it is written). */
export const file = (text: string): Option.Option<string> => (text.trim() === "" ? Option.none() : Option.some(text))

/** Up to nine digits, as the contract reads `page` and `pageSize` (so always a safe integer). */
export const wholeNumber = (text: string): Option.Option<number> =>
  wholeNumberPattern.test(text) ? Option.some(Number(text)) : Option.none()

export const positiveInt = (text: string): Option.Option<number> => Option.filter(wholeNumber(text), (n) => n >= 1)

/** A date as the user typed it: the instant it means, and whether it had a time of day. */
export interface DateInput {
  readonly text: string
  readonly millis: number
  readonly dateOnly: boolean
}

export const date = (text: string): Option.Option<DateInput> => {
  const trimmed = text.trim()
  const dateOnly = ChinaTime.parseDate(trimmed)
  if (dateOnly !== undefined) return Option.some({ text: trimmed, millis: dateOnly, dateOnly: true })
  const dateTime = ChinaTime.parse(trimmed)
  return dateTime === undefined ? Option.none() : Option.some({ text: trimmed, millis: dateTime, dateOnly: false })
}

/**
 * The instant a `--to` means: a bare date is inclusive, so it ends at that day's 23:59:59 (China
 * time), which is what is sent on the wire.
 */
export const endOf = (input: DateInput): number =>
  input.dateOnly ? input.millis + ChinaTime.dayMillis - 1000 : input.millis

export const url = (text: string): Option.Option<string> => {
  try {
    const parsed = new URL(text)
    return parsed.protocol === "http:" || parsed.protocol === "https:"
      ? Option.some(text.replace(/\/+$/, ""))
      : Option.none()
  } catch {
    return Option.none()
  }
}

/** A strict China calendar day, `yyyy-MM-dd`, kept with the instant its midnight is. */
export const day = (text: string): Option.Option<DateInput> => {
  const trimmed = text.trim()
  const millis = ChinaTime.parseDate(trimmed)
  return millis === undefined ? Option.none() : Option.some({ text: trimmed, millis, dateOnly: true })
}

/** A comma-separated list whose every item passes `item`; duplicates dropped, order kept. */
const listOf = (item: RegExp) => (text: string): Option.Option<ReadonlyArray<string>> => {
  const items = text.split(",").map((part) => part.trim()).filter((part) => part !== "")
  return items.length > 0 && items.every((i) => item.test(i)) ? Option.some([...new Set(items)]) : Option.none()
}

export const channelIds = listOf(channelIdPattern)

export const userIds = listOf(userIdPattern)

export const sessionId = matching(sessionIdPattern)

const units: Record<string, number> = {
  ms: 1,
  millis: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
}

/** `500ms`, `20s`, `5m`, `1h`, `1.5s`, `20 seconds`; a bare number is seconds. Must be positive. */
export const duration = (text: string): Option.Option<Duration.Duration> => {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(text.trim().toLowerCase())
  if (!m) return Option.none()
  const factor = m[2] === "" ? 1000 : units[m[2]!]
  const millis = factor === undefined ? Number.NaN : Number(m[1]) * factor
  return Number.isFinite(millis) && millis > 0 ? Option.some(Duration.millis(Math.ceil(millis))) : Option.none()
}

/** `N/10s` (Polyv's window): at most N requests per window. */
export const rateLimit = (text: string): Option.Option<Pacing.RateLimit> => {
  const m = /^(\d{1,9})\/(.+)$/.exec(text.trim())
  if (!m || m[2] !== rateWindow || Number(m[1]) < 1) return Option.none()
  return Option.some({ limit: Number(m[1]), window: Pacing.polyvQuota.window })
}
