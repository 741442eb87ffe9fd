/**
 * What to check when Polyv refuses what a command sent (`param validate error`, `illegal channel
 * id`), in that command's words. Polyv's message names no flag, and the same endpoint error means a
 * different flag in each command (`--channel` for sessions, `--channels` for durations), so each
 * command words its own hints: with its flags' names taken from their definitions
 * ({@link flagName}), and from what was given (a hint about dates only when dates were given). Its
 * run goes through {@link withHints}, and `ExitCode` prints the hint under Polyv's message.
 *
 * @module
 */
import type { IllegalChannelId, ParamValidateError } from "@polyv-stats/core"
import { Data, Effect } from "effect"
import { Command, Completions, type Flag } from "effect/cli"

/** The failures a command words its own hint for. */
export type Refusal = ParamValidateError | IllegalChannelId

/** A command's hint for each refusal, built only when that refusal happens. */
export type RefusalHints = {
  readonly [Tag in Refusal["_tag"]]?: (error: Extract<Refusal, { readonly _tag: Tag }>) => string
}

/** A refusal, with the hint of the command that got it. */
export class Hinted extends Data.TaggedError("Hinted")<{ readonly refusal: Refusal; readonly hint: string }> {}

const isRefusal = (error: unknown): error is Refusal => {
  const tag = (error as { readonly _tag?: unknown } | null)?._tag
  return tag === "ParamValidateError" || tag === "IllegalChannelId"
}

/** `--name`, as the flag's definition spells it. */
export const flagName = (flag: Flag.Flag<unknown>): string =>
  `--${Completions.fromCommand(Command.make("flag", { flag })).flags[0]!.name}`

/** `--a`, `--a and --b`, `--a, --b and --c`. */
export const flagList = (flags: ReadonlyArray<Flag.Flag<unknown>>): string => {
  const names = flags.map(flagName)
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`
}

/** The hint for a channel Polyv does not know, given by `flag`. */
export const unknownChannel = (flag: Flag.Flag<unknown>) => (error: IllegalChannelId): string =>
  `channel ${error.channelId} is not in this account: check ${flagName(flag)} and the app ID`

/** Gives each refusal of `self` that `hints` word a hint for its hint (see {@link Hinted}). */
export const withHints =
  (hints: RefusalHints) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | Hinted, R> =>
    Effect.mapError(self, (error): E | Hinted => {
      if (!isRefusal(error)) return error
      const hint = (hints[error._tag] as ((refusal: Refusal) => string) | undefined)?.(error)
      return hint === undefined ? error : new Hinted({ refusal: error, hint })
    })
