/**
 * The command line as effect/cli should read it. Two things it would misread are settled first,
 * once for every command and flag:
 *
 * - A value that starts with `-` (`--timeout -5s`, `--seed -x`): effect/cli's lexer reads `-5s`
 *   as the short flags `-5` and `-s`, then reports a missing value and two unknown flags. After a
 *   flag that takes a value, such a word is its value, so it is joined to it as effect/cli's own
 *   `--timeout=-5s` form; the flag's check then names the flag, the value and the expected format
 *   (or takes it, for a seed or a file name). A word that is a flag itself (`--verbose`, `-h`) is
 *   left alone: the value is missing, and effect/cli says so.
 * - `--wizard` asks its questions on a terminal; without one (stdin is not a TTY) it is refused
 *   with a usage error instead of failing at its first question.
 * - `help [command…]` is `[command…] --help` (effect/cli has no help command of its own).
 *
 * Which flags take a value is read from the command tree (see `Completions.flagTree`), only when
 * a word starting with one `-` follows a flag.
 *
 * @module
 */
import { checkWizard } from "@polyv-stats/mock-server"
import { Effect } from "effect"
import type { CliError, Completions } from "effect/cli"

/** Flags as they are written on the command line (`--timeout`, `-h`). */
export interface FlagNames {
  /** Every flag that reads its value from the next word. */
  readonly takingValues: ReadonlySet<string>
  /** Every flag. */
  readonly all: ReadonlySet<string>
}

const written = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`)

/** The flag names of a command tree (every level: a flag may come before its command's name). */
export const flagNamesOf = (tree: Completions.CommandDescriptor): FlagNames => {
  const takingValues = new Set<string>()
  const all = new Set<string>()
  const visit = (command: Completions.CommandDescriptor) => {
    for (const flag of command.flags) {
      const takesValue = flag.type._tag !== "Boolean" && flag.optionalValue !== true
      for (const name of [flag.name, ...flag.aliases].map(written)) {
        all.add(name)
        if (takesValue) takingValues.add(name)
      }
    }
    command.subcommands.forEach(visit)
  }
  visit(tree)
  return { takingValues, all }
}

/** A word effect/cli would read as short flags: one `-`, then more. */
const looksLikeShortFlags = (word: string) => word.length > 1 && word[0] === "-" && word[1] !== "-"

/** `--timeout -5s` → `--timeout=-5s`, for every flag that takes a value; the rest as given. */
export const joinDashValues = (args: ReadonlyArray<string>, names: () => FlagNames): ReadonlyArray<string> => {
  let known: FlagNames | undefined
  const out: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!
    const next = args[i + 1]
    if (word === "--") {
      out.push(...args.slice(i))
      break
    }
    if (next !== undefined && looksLikeShortFlags(next) && word.startsWith("-") && !word.includes("=")) {
      known ??= names()
      if (known.takingValues.has(word) && !known.all.has(next)) {
        out.push(`${word}=${next}`)
        i++
        continue
      }
    }
    out.push(word)
  }
  return out
}

/** The word that, first on the command line, asks for a command's help. */
export const helpCommand = "help"

/** `help sessions` → `sessions --help`; any other command line as given. */
export const helpAsFlag = (args: ReadonlyArray<string>): ReadonlyArray<string> =>
  args[0] === helpCommand ? [...args.slice(1), "--help"] : args

/**
 * The command line effect/cli gets, or the usage error that stops it first (`--wizard` without a
 * terminal: mock-server's `checkWizard`, which `polyv-mock` shares).
 */
export const prepare = (
  args: ReadonlyArray<string>,
  names: () => FlagNames,
  stdinIsTTY?: () => boolean,
): Effect.Effect<ReadonlyArray<string>, CliError.ValidationError> =>
  Effect.as(checkWizard(args, stdinIsTTY), joinDashValues(helpAsFlag(args), names))
