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
import { createReadStream } from "node:fs"
import { notJsonReason } from "../protocol/JsonReason.js"

/**
 * The most a flag's file may hold: far above any world worth loading (a dump of 100 000 sessions
 * is ~15 MB), well below what a JSON parse of it could take in memory. `--world /dev/zero` ends here.
 */
export const maxFileBytes = 256 * 1024 * 1024

/** The file's text, or a usage error: `--stubs s.json: cannot be read (ENOENT)` and `hint` after it. */
export const readText = (
  flag: string,
  file: string,
  hint = "",
  limit = maxFileBytes,
): Effect.Effect<string, CliError.ValidationError> =>
  Effect.tryPromise({
    try: async () => {
      const chunks: Array<Buffer> = []
      let size = 0
      // Streamed, so a file that never ends (a device, a FIFO fed forever) stops at the limit.
      for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > limit) throw new TooLarge()
        chunks.push(chunk)
      }
      return Buffer.concat(chunks).toString("utf8")
    },
    catch: (error) =>
      new CliError.ValidationError({
        message: error instanceof TooLarge
          ? `${flag} ${file}: larger than ${sizeText(limit)}, more than any world or stubs file needs`
          : `${flag} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})${hint}`,
      }),
  }).pipe(Effect.map((text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)))

class TooLarge extends Error {}

const sizeText = (bytes: number) => bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`

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
