/**
 * Whether stderr's errors and warnings (and help on stdout) are coloured. A pure decision, so it
 * is tested without a terminal: `--color` / `--no-color` win (no-color.org lets a flag override
 * the variable); otherwise a non-empty `NO_COLOR` turns colour off; otherwise colour only on a
 * terminal.
 *
 * @module
 */

/** The flag that turns colour on (`--color`) or off (`--no-color`, effect/cli's negation). */
export const colorFlag = "color"

/** The environment variable that turns colour off (any non-empty value; see no-color.org). */
export const noColorEnv = "NO_COLOR"

/** Whether to colour a stream: `flag` as given on the command line, if at all. */
export const useColor = (isTTY: boolean, noColor: string | undefined, flag: boolean | undefined): boolean =>
  flag ?? ((noColor === undefined || noColor === "") && isTTY)

const sgr = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[39m`

/** The colour of each kind of line's prefix. */
export const paint = { error: sgr(31), warning: sgr(33), hint: sgr(36) } as const
