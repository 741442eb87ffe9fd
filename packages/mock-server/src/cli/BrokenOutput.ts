/**
 * What happens when stdout or stderr cannot be written: one mechanism for both streams and both
 * programs (`polyv-stats` and `polyv-mock`), so a failed write never surfaces as an uncaught
 * exception (a stack trace through the minified bundle), never as "internal error", and never
 * leaves a mock serving whose URL nobody could read.
 *
 * - A closed pipe (`EPIPE`: the reader stopped early, as `… | head -1` does, on stdout or — with
 *   `2>&1` — on stderr) ends the run quietly with exit 0, like any Unix filter.
 * - Any other failure (`ENOSPC` on a full disk or `/dev/full`, `EBADF`, `EIO`…) ends it with
 *   exit {@link outputExitCode} and one line on stderr, unless stderr is the stream that failed.
 *
 * Either way the first failure decides; the running program is interrupted (race it with
 * {@link Watch.failed}), so its finalizers still run (connections close, a mock stops listening, a
 * download's temporary file is removed).
 *
 * @example
 * ```ts
 * import { BrokenOutput } from "@polyv-stats/mock-server"
 *
 * const output = BrokenOutput.watch(process)
 * // program.pipe(Effect.raceFirst(output.failed)), then exit with output.outcome()?.code if set
 * ```
 * @module
 */
import { Deferred, Effect } from "effect"
import { printable } from "./Printable.js"

/** The exit code of a run whose output could not be written: sysexits' `EX_IOERR`. */
export const outputExitCode = 74

export type StreamName = "stdout" | "stderr"

/** How a failed write ends the run: the exit code, and the lines for stderr (none when it failed). */
export interface Outcome {
  readonly code: number
  readonly lines: ReadonlyArray<string>
}

/** What a stream's `error` event carries (Node's `ErrnoException`, as much as is read of it). */
export interface WriteError {
  readonly code?: string | undefined
  readonly message: string
}

/** How a failed write on `stream` ends the run. */
export const outcomeOf = (stream: StreamName, error: WriteError): Outcome =>
  error.code === "EPIPE"
    ? { code: 0, lines: [] }
    : {
      code: outputExitCode,
      lines: stream === "stderr" ? [] : [
        `error: could not write to ${stream} (${error.code ?? "error"}: ${
          error.message.replace(/^[A-Z]+: /, "")
        }); check where it goes (a full disk, a closed file)`,
      ],
    }

/** A stream as the watch uses it (typed here, so the published types need no `@types/node`). */
export interface Stream {
  readonly on: (event: "error", listener: (error: WriteError) => void) => unknown
  readonly write: (text: string) => unknown
}

/** The two streams a run writes to (`process` has them). */
export interface Streams {
  readonly stdout: Stream
  readonly stderr: Stream
}

export interface Watch {
  /** Waits for the first failed write and succeeds with its exit code (never, if none fails). */
  readonly failed: Effect.Effect<number>
  /** The first failure's outcome, once there has been one. */
  readonly outcome: () => Outcome | undefined
}

/**
 * Listens for write errors on both streams. The first one prints its line and sets
 * `process.exitCode`, which also covers a failure reported after the program has ended (a write
 * to a file fails on the next tick).
 */
export const watch = (streams: Streams): Watch => {
  let first: Outcome | undefined
  const failed = Deferred.makeUnsafe<number>()
  for (const name of ["stdout", "stderr"] as const) {
    streams[name].on("error", (error) => {
      if (first !== undefined) return
      const outcome = outcomeOf(name, error)
      first = outcome
      // A write to stderr fails on its own stream, whose listener then finds `first` set.
      for (const line of outcome.lines) streams.stderr.write(`${printable(line)}\n`)
      process.exitCode = outcome.code
      Deferred.doneUnsafe(failed, Effect.succeed(outcome.code))
    })
  }
  return { failed: Deferred.await(failed), outcome: () => first }
}
