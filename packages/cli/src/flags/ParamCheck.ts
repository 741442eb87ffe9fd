/**
 * Checks a flag's value against what Polyv accepts for the parameter it becomes, before anything
 * is sent. The limits are the contract's: each endpoint's parameter schemas in core refuse to
 * encode a value the wire cannot carry (mic-usage's dates travel as 13-digit millisecond
 * timestamps, so 1969 and 9999 cannot), so they are written once, there; this only names the flag.
 *
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { Effect, Result, Schema, SchemaIssue } from "effect"
import type { Flag } from "effect/cli"
import { UsageError } from "../errors/ExitCode.js"
import { flagName } from "../errors/Refusals.js"

/** A flag as the user gave it. */
export interface Given {
  /** The flag's definition, whose name the message gives (e.g. `--from`). */
  readonly flag: Flag.Flag<unknown>
  /** Its value as typed. */
  readonly text: string
}

const formatIssue = SchemaIssue.makeFormatterDefault()

/** The contract's words for what it expects, as the tail of a sentence. */
const expectation = (issue: SchemaIssue.Issue) => formatIssue(issue).replace(/^Expected /, "").split("\n")[0]!

/**
 * Succeeds when each parameter named in `given` is valid in `params` (what is about to be sent to
 * `endpoint`); otherwise fails with a {@link UsageError} naming the flag it came from, its value
 * and what Polyv takes.
 */
export const checkParams = <E extends Contract.KnownEndpoint>(
  endpoint: E,
  params: Contract.ParamsOf<E>,
  given: { readonly [K in keyof Contract.ParamsOf<E>]?: Given | undefined },
): Effect.Effect<void, UsageError> =>
  Effect.suspend(() => {
    const fields = Contract.paramFields(endpoint)
    for (const [param, flag] of Object.entries(given as Record<string, Given | undefined>)) {
      const field = fields.find((f) => f.name === param)
      const value = (params as Record<string, unknown>)[param]
      if (flag === undefined || field === undefined || value === undefined) continue
      const encoded = Schema.encodeUnknownResult(field.schema as Schema.Codec<unknown, unknown>)(value)
      if (Result.isFailure(encoded)) {
        return Effect.fail(
          new UsageError({
            message: `${flagName(flag.flag)}: ${
              JSON.stringify(flag.text)
            } cannot be sent to Polyv as ${param}: expected ${expectation(encoded.failure.issue)}`,
          }),
        )
      }
    }
    return Effect.void
  })
