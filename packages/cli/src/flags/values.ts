/**
 * Parsers for flag values, shared by every command. Each returns `Option.none()` for a value it
 * refuses; the flag then fails with effect/cli's `InvalidValue`, which names the flag, the value
 * and the `expected` text below (exit code 2).
 *
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"
import { Option } from "effect"

export const expected = {
  channelId: "a channel ID made of digits, e.g. 2272655",
  positiveInt: "a whole number of 1 or more",
  date: "yyyy-MM-dd or \"yyyy-MM-dd HH:mm:ss\" (China time, UTC+8), e.g. 2026-01-31",
  url: "an http:// or https:// URL, e.g. https://api.polyv.net",
} as const

export const channelId = (text: string): Option.Option<string> =>
  /^\d{1,20}$/.test(text) ? Option.some(text) : Option.none()

export const positiveInt = (text: string): Option.Option<number> =>
  /^\d{1,9}$/.test(text) && Number(text) >= 1 ? Option.some(Number(text)) : Option.none()

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
