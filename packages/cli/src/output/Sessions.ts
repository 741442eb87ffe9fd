/**
 * How `sessions` prints: the rows on stdout in the chosen format, and a summary (paging, window,
 * time zone) on stderr so that stdout stays pure data.
 *
 * @module
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import type { Format } from "./Format.js"
import { type Shape, textField, timeField } from "./Records.js"
import * as Table from "./Table.js"

type SessionPage = Contract.SessionPage
type Session = Contract.Session

/** The window that was asked for, as sent (China time), for the summary line. */
export interface Window {
  readonly from?: number | undefined
  readonly to?: number | undefined
}

export const shape: Shape<Session> = {
  columns: [
    textField("sessionId", "SESSION ID"),
    textField("channelId", "CHANNEL"),
    textField("userId", "USER"),
    timeField("startTime", "START"),
    {
      name: "endTime",
      header: "END",
      csv: (s) => s.endTime,
      table: (s, v) => (s.endTime === null ? "live" : Table.dateTime(s.endTime, v.utc)),
      time: true,
    },
    {
      name: "duration",
      header: "DURATION",
      table: (s, v) => Table.duration((s.endTime ?? v.now) - s.startTime),
      align: "right",
    },
    { name: "customId", header: "CUSTOM ID", csv: (s) => s.customId ?? null },
  ],
}

const windowText = (window: Window) => {
  if (window.from === undefined && window.to === undefined) return `in the last ${Contract.maxSpanDays} days`
  const from = window.from === undefined ? "" : `from ${ChinaTime.formatDateTime(window.from)} `
  const to = window.to === undefined ? "" : `to ${ChinaTime.formatDateTime(window.to)} `
  return `${from}${to}(China time)`.trim()
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

const zoneNote = (format: Format, now: number, utc: boolean) =>
  format === "table" ? [`Times in ${Table.zone(now, utc)}.`] : []

/** The stderr line after one page. */
export const summary = (page: SessionPage, window: Window, format: Format, now: number, utc = false): string => {
  const count = `${plural(page.totalItems, "session")} ${windowText(window)}`
  if (page.totalItems === 0) return `No sessions: ${count}.`
  const parts = [`Page ${page.pageNumber} of ${page.totalPages}, ${count}.`]
  if (!page.lastPage) parts.push(`Next: --page ${page.pageNumber + 1} (or --all for every page).`)
  parts.push(...zoneNote(format, now, utc))
  return parts.join(" ")
}

/** The stderr line after `--all`. */
export const summaryAll = (count: number, window: Window, format: Format, now: number, utc = false): string =>
  [`${count === 0 ? "No sessions" : plural(count, "session")} ${windowText(window)}.`, ...zoneNote(format, now, utc)]
    .join(" ")
