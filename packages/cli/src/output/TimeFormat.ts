/**
 * `--time-format`: how json, ndjson and csv write times. `ms` (the default) is the number of
 * milliseconds since 1970 UTC, as the client decodes Polyv's answers; `iso` is ISO 8601 in China
 * time with its offset (`2025-01-02T08:30:00+08:00`): the zone Polyv means, and one any program
 * reads back to the same instant. Tables are for people and show times their own way (see Table).
 *
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"

export const timeFormats = ["ms", "iso"] as const

export type TimeFormat = (typeof timeFormats)[number]

export const defaultTimeFormat: TimeFormat = "ms"

const offset = "+08:00"

/** `ms` as ISO 8601 in China time: seconds, with milliseconds only when there are any. */
export const iso = (ms: number): string => {
  const fraction = ms % 1000 === 0 ? "" : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}`
  return `${ChinaTime.formatDateTime(ms).replace(" ", "T")}${fraction}${offset}`
}

/** A time value (ms, or null for "not yet") as `format` writes it. */
export const write = <V>(value: V, format: TimeFormat): V | string =>
  format === "iso" && typeof value === "number" ? iso(value) : value
