/**
 * Plain-text tables: a header, a rule, left-aligned columns two spaces apart. Every cell is made
 * {@link printable}: a table is for people, and its cells hold text from the server.
 *
 * @module
 */
import { printable } from "@polyv-stats/mock-server"

export interface Column<A> {
  readonly header: string
  readonly cell: (row: A) => string
  readonly align?: "left" | "right"
}

export const render = <A>(columns: ReadonlyArray<Column<A>>, rows: ReadonlyArray<A>): string => {
  const cells = rows.map((row) => columns.map((c) => printable(c.cell(row))))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => (columns[i]!.align === "right" ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join("  ")
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
