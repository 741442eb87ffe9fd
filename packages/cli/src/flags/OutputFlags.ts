/**
 * `--quiet` and `--color` / `--no-color`: how stderr talks, for every command (declared on the
 * root, so accepted before or after any command name).
 *
 * effect/cli parses them like any flag (so they are checked, listed in help and completed), but
 * they shape the stderr writer, which also prints what happens before a command runs (a bad flag)
 * and after it ends (its error). So {@link scan} also reads them from the command line, before
 * effect/cli does, from the same names.
 *
 * @module
 */
import { Flag, GlobalFlag } from "effect/cli"
import * as Color from "../output/Color.js"
import type * as Stderr from "../output/Stderr.js"

const quietName = "quiet"
const quietAlias = "q"

export const Quiet = GlobalFlag.Setting(quietName)({
  flag: Flag.Boolean(quietName).pipe(
    Flag.withAlias(quietAlias),
    Flag.withDescription("No progress, summaries or notes on stderr: only errors, warnings and hints"),
    Flag.withDefault(false),
  ),
})

export const ColorFlag = GlobalFlag.Setting(Color.colorFlag)({
  flag: Flag.Boolean(Color.colorFlag).pipe(
    Flag.withDescription(
      `Colour errors and warnings: --color always, --no-color never (default: on a terminal unless ${Color.noColorEnv} is set)`,
    ),
    Flag.optional,
  ),
})

export const all = [Quiet, ColorFlag] as const

/** A boolean flag's value in `--name=value` form (effect/cli's words), or undefined if not one. */
const booleanValue = (value: string): boolean | undefined =>
  ["true", "yes", "on", "1", "y"].includes(value.toLowerCase())
    ? true
    : ["false", "no", "off", "0", "n"].includes(value.toLowerCase())
    ? false
    : undefined

/** What the command line says of `--quiet` and `--color` (the last word wins), before `--`. */
export const scan = (args: ReadonlyArray<string>): { readonly quiet: boolean; readonly color?: boolean } => {
  let quiet = false
  let color: boolean | undefined
  for (const word of args) {
    if (word === "--") break
    const [name, value] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [
      word,
      undefined,
    ]
    const given = value === undefined ? true : booleanValue(value)
    if (given === undefined) continue
    if (name === `--${quietName}` || name === `-${quietAlias}`) quiet = given
    else if (name === `--${Color.colorFlag}`) color = given
    else if (name === `--no-${Color.colorFlag}` && value === undefined) color = false
  }
  return color === undefined ? { quiet } : { quiet, color }
}

/** A writer's options over `stream`, from what the command line said (`color` only if it was given). */
export const optionsFor = (
  given: { readonly quiet: boolean; readonly color?: boolean | undefined },
  stream: { readonly isTTY?: boolean | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Stderr.Options => ({
  quiet: given.quiet,
  color: Color.useColor(stream.isTTY === true, env[Color.noColorEnv], given.color),
})

/** The stderr writer's options for this command line and environment. */
export const stderrOptions = (
  args: ReadonlyArray<string>,
  stream: { readonly isTTY?: boolean | undefined } = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Stderr.Options => optionsFor(scan(args), stream, env)
