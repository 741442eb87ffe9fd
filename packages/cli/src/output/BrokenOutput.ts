/**
 * What happens when stdout or stderr cannot be written: one mechanism for both streams, so a
 * failed write never surfaces as an uncaught exception (a stack trace through the minified
 * bundle) and never as "internal error".
 *
 * - A closed pipe (`EPIPE`: the reader stopped early, as `polyv-stats … | head -1` does, on
 *   stdout or — with `2>&1` — on stderr) ends the run quietly with exit 0, like any Unix filter.
 * - Any other failure (`ENOSPC` on a full disk or `/dev/full`, `EBADF`, `EIO`…) ends it with
 *   exit 74 and one line on stderr, unless stderr is the stream that failed.
 *
 * Either way the first failure decides; the running program is interrupted, so its finalizers
 * still run (connections close, a download's temporary file is removed).
 *
 * @module
 */
import { Deferred, Effect } from "effect"
import { ExitCode, type Outcome } from "../errors/ExitCode.js"
import * as Stderr from "./Stderr.js"

export type StreamName = "stdout" | "stderr"

/** How a failed write on `stream` ends the run. */
export const outcomeOf = (stream: StreamName, error: NodeJS.ErrnoException): Outcome =>
  error.code === "EPIPE"
    ? { code: ExitCode.ok, lines: [] }
    : {
      code: ExitCode.output,
      lines: stream === "stderr" ? [] : [
        `error: could not write to ${stream} (${error.code ?? "error"}: ${
          error.message.replace(/^[A-Z]+: /, "")
        }); check where it goes (a full disk, a closed file)`,
      ],
    }

/** The two streams a run writes to (`process` has them). */
export interface Streams {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean | undefined }
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
  const stderr = Stderr.make(streams.stderr)
  for (const name of ["stdout", "stderr"] as const) {
    streams[name].on("error", (error: NodeJS.ErrnoException) => {
      if (first !== undefined) return
      const outcome = outcomeOf(name, error)
      first = outcome
      // A write to stderr fails on its own stream, whose listener then finds `first` set.
      for (const line of outcome.lines) stderr.line(line)
      process.exitCode = outcome.code
      Deferred.doneUnsafe(failed, Effect.succeed(outcome.code))
    })
  }
  return { failed: Deferred.await(failed), outcome: () => first }
}
