/**
 * The text of a file a flag names (`--world`, `--stubs`, `--cassette`), read one way for both: without blocking
 * the process (a FIFO with no writer leaves Ctrl-C working), as UTF-8 with a leading BOM dropped
 * (editors on Windows write one), and a file that cannot be read refused as a usage error naming
 * the flag, the file and the system's reason.
 *
 * @module
 */
import { Effect } from "effect"
import { CliError } from "effect/cli"
import { readFile } from "node:fs/promises"
import { notJsonReason } from "../protocol/JsonReason.js"

/** The file's text, or a usage error: `--stubs s.json: cannot be read (ENOENT)` and `hint` after it. */
export const readText = (flag: string, file: string, hint = ""): Effect.Effect<string, CliError.ValidationError> =>
  Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (error) =>
      new CliError.ValidationError({
        message: `${flag} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})${hint}`,
      }),
  }).pipe(Effect.map((text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)))

/**
 * A JSON file a flag names, read, parsed and checked whole by `check` (given the parsed value and
 * its source, `--world w.json`): what `check` returns, a usage error when it is not JSON, or what
 * `check` throws (a `WorldFileError` listing every problem).
 */
export const readChecked = <A, E>(
  flag: string,
  file: string,
  check: (json: unknown, source: string) => A,
  hint = "",
): Effect.Effect<A, CliError.ValidationError | E> => {
  const source = `${flag} ${file}`
  return readText(flag, file, hint).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: (error) =>
          new CliError.ValidationError({ message: `${source}: not JSON (${notJsonReason(error, text)})` }),
      })
    ),
    Effect.flatMap((json) => Effect.try({ try: () => check(json, source), catch: (error) => error as E })),
  )
}
