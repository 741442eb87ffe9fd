/**
 * `--session` and `--users`: the IDs a command may name, parsed and refused the same way wherever
 * they are used (`report`, `concurrency`, `verify`); each command says what the flag is for.
 *
 * @module
 */
import { Flag } from "effect/cli"
import * as Values from "./values.js"

/** One session ID, as `sessions` lists them. */
export const session = (description: string) =>
  Flag.String("session").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription(description),
    Flag.filterMap(Values.sessionId, () => Values.expected.sessionId),
  )

/** User IDs, comma-separated. */
export const users = (description: string) =>
  Flag.String("users").pipe(
    Flag.withMetavar("id,id,…"),
    Flag.withDescription(description),
    Flag.filterMap(Values.userIds, () => Values.expected.userIds),
  )
