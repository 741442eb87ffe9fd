/**
 * How `verify` prints: one row a check (a table on a terminal, escaped; CSV; NDJSON), or with
 * `--format json` one report object holding the rows and the counts.
 *
 * @module
 */
import { Effect, Stream } from "effect"
import type { Format } from "../output/Format.js"
import * as Records from "../output/Records.js"
import type { Outcome, Verdict } from "./Compare.js"

/** One check's result. */
export interface Row {
  readonly check: string
  readonly endpoint: string
  readonly outcome: Outcome
  readonly expected: string
  readonly got: string
  readonly notes: ReadonlyArray<string>
}

export const row = (check: string, endpoint: string, verdict: Verdict): Row => ({
  check,
  endpoint,
  outcome: verdict.outcome,
  expected: verdict.expected,
  got: verdict.got,
  notes: verdict.notes,
})

/** How a table shows an outcome. */
const marks: { readonly [K in Outcome]: string } = { ok: "✓", warning: "warning", drift: "drift", skipped: "skipped" }

/** Notes on one line: schema issues span several. */
const noteText = (r: Row) => r.notes.join("; ").replace(/\s*\n\s*/g, " ")

export const shape: Records.Shape<Row> = {
  columns: [
    Records.textField("check", "CHECK"),
    Records.textField("expected", "EXPECTED"),
    Records.textField("got", "GOT"),
    { name: "outcome", header: "RESULT", csv: (r) => r.outcome, table: (r) => marks[r.outcome] },
    { name: "notes", header: "NOTES", csv: noteText, table: noteText },
  ],
}

/** The counts of a run. */
export interface Summary {
  readonly baseUrl: string
  readonly requests: number
  readonly maxRequests: number
  readonly counts: { readonly [K in Outcome]: number }
}

export const summarize = (
  rows: ReadonlyArray<Row>,
  baseUrl: string,
  requests: number,
  maxRequests: number,
): Summary => {
  const counts = { ok: 0, warning: 0, drift: 0, skipped: 0 }
  for (const r of rows) counts[r.outcome]++
  return { baseUrl, requests, maxRequests, counts }
}

/** The stderr line after the output. */
export const summaryLine = (s: Summary): string =>
  `${s.requests} requests to ${s.baseUrl}: ${s.counts.ok} match, ${s.counts.drift} drift, ${s.counts.warning} warning${
    s.counts.warning === 1 ? "" : "s"
  }, ${s.counts.skipped} skipped`

/** Prints the rows, or with `json` the whole report. */
export const print = (rows: ReadonlyArray<Row>, summary: Summary, format: Format): Effect.Effect<void> =>
  format === "json"
    ? Records.write(`${JSON.stringify({ ...summary, checks: rows }, null, 2)}\n`)
    : Effect.asVoid(Records.printStream(shape, Stream.fromIterable(rows), format, { utc: true, now: 0 }))
