/**
 * `--wizard` (effect/cli's built-in) asks its questions on a terminal. Without one (stdin is not a
 * TTY: a pipe, `/dev/null`, a service) it would show its first question to no one and end as if
 * cancelled, with exit 0. Both programs refuse it first instead, as a usage error (exit 2): it
 * lives here, beside the mock's command, because `polyv-stats` and `polyv-mock` both check it.
 *
 * @example
 * ```ts
 * import { checkWizard } from "@polyv-stats/mock-server"
 * import { Effect } from "effect"
 *
 * Effect.runSyncExit(checkWizard(["--wizard"], () => false)) // fails: stdin is not a terminal
 * ```
 * @module
 */
import { Effect } from "effect"
import { CliError } from "effect/cli"
import { isatty } from "node:tty"

/**
 * Refuses `--wizard` when stdin is not a terminal (asked only when `--wizard` is given, before
 * `--`), with a `CliError.ValidationError`: both programs show it as one line and exit 2.
 */
export const checkWizard = (
  args: ReadonlyArray<string>,
  // isatty, not process.stdin.isTTY: reading that would open stdin as a stream on every run.
  stdinIsTTY: () => boolean = () => isatty(0),
): Effect.Effect<void, CliError.ValidationError> => {
  const options = args.includes("--") ? args.slice(0, args.indexOf("--")) : args
  return options.some((word) => word === "--wizard" || word.startsWith("--wizard=")) && !stdinIsTTY()
    ? Effect.fail(
      new CliError.ValidationError({
        message:
          "--wizard asks its questions on a terminal, and stdin is not one: give the flags on the command line instead (see --help)",
      }),
    )
    : Effect.void
}
