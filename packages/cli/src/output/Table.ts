/**
 * Plain-text tables: a header, a rule, left-aligned columns two spaces apart. Every cell is made
 * {@link printable}: a table is for people, and its cells hold text from the server.
 *
 * A table fits the terminal: widths are counted in columns (a Chinese character takes two, see
 * Width), and when the table is wider than `maxWidth` the widest columns give way first, their
 * cells cut with an ellipsis, down to {@link minColumnWidth} (so IDs and times stay whole while a
 * long title shrinks).
 *
 * @module
 */
import { printable } from "@polyv-stats/mock-server"
import * as Width from "./Width.js"

export interface Column<A> {
  readonly header: string
  readonly cell: (row: A) => string
  readonly align?: "left" | "right"
}

/** The narrowest a column is made to fit the terminal (a narrower one keeps its own width). */
export const minColumnWidth = 4

const gap = "  "

/** `natural` widths narrowed, widest first, until the columns and gaps fit in `maxWidth`. */
export const fitWidths = (natural: ReadonlyArray<number>, maxWidth: number | undefined): ReadonlyArray<number> => {
  const widths = [...natural]
  if (maxWidth === undefined) return widths
  let excess = widths.reduce((sum, w) => sum + w, gap.length * (widths.length - 1)) - maxWidth
  while (excess > 0) {
    let widest = -1
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > Math.min(natural[i]!, minColumnWidth) && (widest < 0 || widths[i]! > widths[widest]!)) {
        widest = i
      }
    }
    if (widest < 0 || widths[widest]! <= minColumnWidth) break
    widths[widest]!--
    excess--
  }
  return widths
}

/** The table, at most `maxWidth` columns wide where it can be (no limit when undefined). */
export const render = <A>(
  columns: ReadonlyArray<Column<A>>,
  rows: ReadonlyArray<A>,
  maxWidth?: number,
): string => {
  const cells = rows.map((row) => columns.map((c) => printable(c.cell(row))))
  const natural = columns.map((c, i) => Math.max(Width.of(c.header), ...cells.map((r) => Width.of(r[i]!))))
  const widths = fitWidths(natural, maxWidth)
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => Width.pad(Width.fit(v, widths[i]!), widths[i]!, columns[i]!.align))
      .join(gap)
      .trimEnd()
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
  ].join("\n")
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** `yyyy-MM-dd HH:mm:ss` in the host's time zone. */
export const localDateTime = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${
    pad(d.getSeconds())
  }`
}

/** `yyyy-MM-dd HH:mm:ss` in UTC. */
export const utcDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace("T", " ")

/** A time as a table shows it: the local zone, or UTC with `--utc`. */
export const dateTime = (ms: number, utc: boolean): string => (utc ? utcDateTime(ms) : localDateTime(ms))

/** The zone table times are in, for the summary line. */
export const zone = (at: number, utc: boolean): string => (utc ? "UTC" : localZone(at))

/** `h:mm:ss`. */
export const duration = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
}

/** The host's time zone, e.g. `Europe/Berlin (UTC+01:00)`. */
export const localZone = (at: number): string => {
  const offset = -new Date(at).getTimezoneOffset()
  const sign = offset >= 0 ? "+" : "-"
  const abs = Math.abs(offset)
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone
  return `${name ?? "local"} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
}
