/**
 * How `sessions` prints a page: the rows on stdout (a table or a JSON array), and the paging
 * summary on stderr so that stdout stays pure data.
 *
 * @module
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import { Clock, Console, Effect } from "effect"
import type { Format } from "./Format.js"
import * as Table from "./Table.js"

type SessionPage = Contract.SessionPage
type Session = Contract.Session

/** The window that was asked for, as sent (China time), for the summary line. */
export interface Window {
  readonly from?: number | undefined
  readonly to?: number | undefined
}

export const table = (sessions: ReadonlyArray<Session>, now: number): string =>
  Table.render<Session>([
    { header: "SESSION ID", cell: (s) => s.sessionId },
    { header: "CHANNEL", cell: (s) => s.channelId },
    { header: "USER", cell: (s) => s.userId },
    { header: "START", cell: (s) => Table.localDateTime(s.startTime) },
    { header: "END", cell: (s) => (s.endTime === null ? "live" : Table.localDateTime(s.endTime)) },
    { header: "DURATION", cell: (s) => Table.duration((s.endTime ?? now) - s.startTime), align: "right" },
  ], sessions)

/** The decoded items: channel IDs as strings, times as millisecond numbers, `endTime` null while live. */
export const json = (sessions: ReadonlyArray<Session>): string => JSON.stringify(sessions, null, 2)

const windowText = (window: Window) => {
  if (window.from === undefined && window.to === undefined) return `in the last ${Contract.maxSpanDays} days`
  const from = window.from === undefined ? "" : `from ${ChinaTime.formatDateTime(window.from)} `
  const to = window.to === undefined ? "" : `to ${ChinaTime.formatDateTime(window.to)} `
  return `${from}${to}(China time)`.trim()
}

export const summary = (page: SessionPage, window: Window, format: Format, now: number): string => {
  const count = `${page.totalItems} session${page.totalItems === 1 ? "" : "s"} ${windowText(window)}`
  if (page.totalItems === 0) return `No sessions: ${count}.`
  const parts = [`Page ${page.pageNumber} of ${page.totalPages}, ${count}.`]
  if (!page.lastPage) parts.push(`Next: --page ${page.pageNumber + 1}.`)
  if (format === "table") parts.push(`Times in ${Table.localZone(now)}.`)
  return parts.join(" ")
}

/** Prints a page: rows on stdout, the summary on stderr. */
export const print = (page: SessionPage, format: Format, window: Window): Effect.Effect<void> =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    if (format === "json") yield* Console.log(json(page.contents))
    else if (page.contents.length > 0) yield* Console.log(table(page.contents, now))
    yield* Console.error(summary(page, window, format, now))
  })
