/**
 * Output formats. `table` is for people; `json`, `ndjson` and `csv` are for programs. With no
 * `--format` the choice follows stdout: a terminal gets a table, a pipe or a file gets JSON.
 *
 * @module
 */
import { Option } from "effect"

export const formats = ["table", "json", "ndjson", "csv"] as const

export type Format = (typeof formats)[number]

export const resolveFormat = (given: Option.Option<Format>, stdoutIsTTY = process.stdout.isTTY === true): Format =>
  Option.getOrElse(given, () => (stdoutIsTTY ? "table" : "json"))
