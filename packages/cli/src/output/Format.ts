/**
 * Output formats. `table` is for people, `json` for programs; with no `--format` the choice
 * follows stdout: a terminal gets a table, a pipe or file gets JSON.
 *
 * @module
 */
import { Option } from "effect"

export type Format = "table" | "json"

export const resolveFormat = (given: Option.Option<Format>, stdoutIsTTY = process.stdout.isTTY === true): Format =>
  Option.getOrElse(given, () => (stdoutIsTTY ? "table" : "json"))
