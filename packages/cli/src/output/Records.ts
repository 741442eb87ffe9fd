/**
 * Prints records in the four formats, one module for every command:
 *
 * - `json`: the decoded data (channel IDs as strings, times as millisecond numbers, or ISO 8601
 *   strings with `--time-format iso`: see TimeFormat). A list is an array, streamed item by item as
 *   it arrives; a single result is an object.
 * - `ndjson`: one JSON object per line, each printed as soon as it arrives.
 * - `csv`: a header row, then one row per record (RFC 4180; see Csv.ts), streamed too.
 * - `table`: aligned columns for people, with times in the local zone (or UTC) and durations as
 *   h:mm:ss; needs every row for the widths, so it prints at the end.
 *
 * Only data goes to stdout (or to `--output`'s file).
 *
 * @module
 */
import { Effect, Stream } from "effect"
import * as Csv from "./Csv.js"
import * as DataOut from "./DataOut.js"
import type { Format } from "./Format.js"
import * as Table from "./Table.js"
import * as TimeFormat from "./TimeFormat.js"

/** How a table shows values that depend on the reader. */
export interface View {
  readonly utc: boolean
  /** For durations of sessions still live. */
  readonly now: number
  /** How json, ndjson and csv write times (default `ms`). */
  readonly timeFormat?: TimeFormat.TimeFormat | undefined
  /** The widest a table may be (a terminal's width, see Width.terminal); none: no limit. */
  readonly width?: number | undefined
}

export interface Column<A> {
  /** The CSV header (a machine name, like the JSON field). */
  readonly name: string
  /** The table header. */
  readonly header: string
  /** The CSV value; a column without one is table-only. */
  readonly csv?: ((row: A) => Csv.Cell) | undefined
  /** The table cell; a column without one is CSV-only. */
  readonly table?: ((row: A, view: View) => string) | undefined
  readonly align?: "left" | "right"
  /** A time (ms, or null): JSON and CSV write it as `--time-format` says. */
  readonly time?: true
}

/** The keys of `A` whose values are of type `V`. */
type KeysOf<A, V> = { [K in keyof A]: A[K] extends V ? K : never }[keyof A] & string

/** A column that shows one text field as it is: the field's name is its CSV header. */
export const textField = <A, K extends KeysOf<A, string>>(name: K, header: string): Column<A> => ({
  name,
  header,
  csv: (row) => row[name] as string,
  table: (row) => row[name] as string,
})

/** A column that shows one number field, right-aligned. */
export const numberField = <A, K extends KeysOf<A, number>>(name: K, header: string): Column<A> => ({
  name,
  header,
  csv: (row) => row[name] as number,
  table: (row) => String(row[name]),
  align: "right",
})

/** A column that shows one time field (ms): as the number in CSV, in the reader's zone in a table. */
export const timeField = <A, K extends KeysOf<A, number>>(name: K, header: string): Column<A> => ({
  name,
  header,
  csv: (row) => row[name] as number,
  table: (row, view) => Table.dateTime(row[name] as number, view.utc),
  time: true,
})

/** How one kind of record prints. */
export interface Shape<A> {
  readonly columns: ReadonlyArray<Column<A>>
  /** The JSON / NDJSON value of a record. Default: the record itself. */
  readonly json?: (row: A) => unknown
}

/**
 * Writes data as is (no newline added) where it goes (stdout, or `--output`'s file: see DataOut),
 * done once it has been taken.
 */
export const write = (data: string | Uint8Array): Effect.Effect<void> =>
  Effect.flatMap(DataOut.DataOut, (out) => out.write(data))

/** The names of a shape's time fields, when `view` asks for them other than as numbers. */
const timeNames = <A>(shape: Shape<A>, view: View): ReadonlyArray<string> =>
  (view.timeFormat ?? TimeFormat.defaultTimeFormat) === "ms"
    ? []
    : shape.columns.flatMap((c) => (c.time ? [c.name] : []))

/** The JSON value of `row`: its time fields (`times`, see {@link timeNames}) rewritten, if any. */
const jsonOf = <A>(shape: Shape<A>, row: A, view: View, times = timeNames(shape, view)): unknown => {
  const value = shape.json ? shape.json(row) : row
  if (times.length === 0 || typeof value !== "object" || value === null) return value
  const copy: Record<string, unknown> = { ...value }
  for (const name of times) if (name in copy) copy[name] = TimeFormat.write(copy[name], view.timeFormat!)
  return copy
}

const indent = (text: string) => text.split("\n").map((l) => `  ${l}`).join("\n")

/** A table of `rows`, at most `view.width` wide. */
export const table = <A>(shape: Shape<A>, rows: ReadonlyArray<A>, view: View): string =>
  Table.render(
    shape.columns.flatMap((c) => {
      const cell = c.table
      return cell
        ? [{ header: c.header, cell: (row: A) => cell(row, view), ...(c.align ? { align: c.align } : {}) }]
        : []
    }),
    rows,
    view.width,
  )

const csvColumns = <A>(shape: Shape<A>, view: View) => {
  const format = view.timeFormat ?? TimeFormat.defaultTimeFormat
  return shape.columns.flatMap((c) => {
    const csv = c.csv
    if (!csv) return []
    return [{ name: c.name, csv: c.time ? (row: A) => TimeFormat.write(csv(row), format) : csv }]
  })
}

const csvHeader = <A>(shape: Shape<A>) => Csv.row(shape.columns.flatMap((c) => (c.csv ? [c.name] : [])))

const csvRow = <A>(columns: ReturnType<typeof csvColumns<A>>, row: A) => Csv.row(columns.map((c) => c.csv(row)))

/**
 * Prints a stream of records as they arrive (tables at the end), a chunk (a page of Polyv's) in one
 * write: {@link write} waits for stdout to take each, so one write a row would cost a round trip
 * (and a system call) a row. Succeeds with how many were printed; a failure of the stream ends the
 * output where it is (JSON arrays are left open).
 */
export const printStream = <A, E, R>(
  shape: Shape<A>,
  rows: Stream.Stream<A, E, R>,
  format: Format,
  view: View,
): Effect.Effect<number, E, R> =>
  Effect.gen(function*() {
    let count = 0
    /** Writes each chunk of rows as the text `line` makes of its rows, together. */
    const writeChunks = (line: (row: A) => string) =>
      Stream.runForEachArray(rows, (chunk) =>
        Effect.suspend(() => {
          let text = ""
          for (const row of chunk) text += line(row)
          count += chunk.length
          return write(text)
        }))
    switch (format) {
      case "ndjson": {
        const times = timeNames(shape, view)
        yield* writeChunks((row) => `${JSON.stringify(jsonOf(shape, row, view, times))}\n`)
        return count
      }
      case "csv": {
        const columns = csvColumns(shape, view)
        yield* write(csvHeader(shape))
        yield* writeChunks((row) => csvRow(columns, row))
        return count
      }
      case "json": {
        // One item behind, so each item knows whether a comma follows it.
        let pending: string | undefined
        const times = timeNames(shape, view)
        yield* writeChunks((row) => {
          const previous = pending
          pending = indent(JSON.stringify(jsonOf(shape, row, view, times), null, 2))
          return previous === undefined ? "[\n" : `${previous},\n`
        })
        yield* write(pending === undefined ? "[]\n" : `${pending}\n]\n`)
        return count
      }
      case "table": {
        const all = yield* Stream.runCollect(rows)
        if (all.length > 0) yield* write(`${table(shape, all, view)}\n`)
        return all.length
      }
    }
  })

/** Prints one result: an object in JSON, one line in NDJSON, a header and a row in CSV and tables. */
export const printOne = <A>(shape: Shape<A>, row: A, format: Format, view: View): Effect.Effect<void> => {
  switch (format) {
    case "json":
      return write(`${JSON.stringify(jsonOf(shape, row, view), null, 2)}\n`)
    case "ndjson":
      return write(`${JSON.stringify(jsonOf(shape, row, view))}\n`)
    case "csv":
      return write(csvHeader(shape) + csvRow(csvColumns(shape, view), row))
    case "table":
      return write(`${table(shape, [row], view)}\n`)
  }
}
