/**
 * Where a command's data goes: stdout, or with `--output FILE` a file written whole or not at all.
 *
 * With `--output`, the data goes through core's `AtomicFile` (as `report --download` saves the
 * report): the path is checked before anything is asked of Polyv, each page is written as it comes
 * to a file beside the target (so a million sessions are never all in memory), and that file is
 * renamed over the target once the data is complete. A failure, Ctrl-C, SIGTERM or SIGHUP leaves
 * the target as it was (or absent), never a part of the data. An existing file is replaced, as
 * `--download` replaces one. A command that prints its data whole and then fails with a verdict
 * (`verify` finding drift) still saves it: {@link keepsData} says which failures those are.
 *
 * @module
 */
import { AtomicFile } from "@polyv-stats/core"
import { type Cause, Context, Effect, Exit, Fiber, type FileSystem, Option, Queue, Stream } from "effect"
import { type FileError, fileError } from "../errors/ExitCode.js"

export interface DataOut {
  /** Writes data (no newline added), done once the destination has taken it. */
  readonly write: (data: string | Uint8Array) => Effect.Effect<void>
}

/** The data flag, as help and errors name it. */
export const outputFlag = "--output"

/**
 * Writes to stdout and waits until stdout has taken it, so a fast producer follows a slow reader.
 * A write that fails stops the program here, before it prints anything else (its stderr summary,
 * say): the run then ends as BrokenOutput (mock-server) says, with the failure's one line and exit
 * code.
 */
export const stdout: DataOut = {
  write: (data) =>
    Effect.callback<void>((resume) => {
      process.stdout.write(data, (error) => resume(error ? brokenStdout : Effect.void))
    }),
}

// Node calls the write's callback before it emits the stream's `error` event (on a later tick),
// which is what BrokenOutput listens to: yield first, so the failure is known before the
// program stops.
const brokenStdout = Effect.andThen(Effect.yieldNow, Effect.interrupt)

export const DataOut = Context.Reference<DataOut>("@polyv-stats/cli/DataOut", { defaultValue: () => stdout })

/** A failure that comes after the data is whole: the file is still written (then the failure). */
export const keepsData = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "_tag" in error && error._tag === "ContractDrift"

const encoder = new TextEncoder()

const fileErrorOf = fileError(outputFlag, "or no --output for stdout")

/** Pages on their way to the file: a producer faster than the disk waits, memory stays bounded. */
const pagesInFlight = 16

/** Ends the file's byte stream without the data being whole: the file is dropped, not renamed. */
class Unfinished {
  readonly _tag = "Unfinished"
}

/** Runs `program` with its data going to `path` (see the module's description). */
export const toFile =
  (path: string) =>
  <A, E, R>(program: Effect.Effect<A, E, R>): Effect.Effect<A, E | FileError, R | FileSystem.FileSystem> =>
    Effect.gen(function*() {
      yield* Effect.mapError(AtomicFile.check(path), fileErrorOf)
      const pages = yield* Queue.bounded<Uint8Array, Cause.Done | Unfinished>(pagesInFlight)
      const writing = yield* Effect.forkChild(
        AtomicFile.write(path, Stream.fromQueue(pages)).pipe(
          // A write that fails (a full disk) shuts the queue: the program's next write stops it.
          Effect.onError(() => Queue.shutdown(pages)),
        ),
        { startImmediately: true },
      )
      const toQueue: DataOut = {
        write: (data) =>
          Effect.flatMap(
            Queue.offer(pages, typeof data === "string" ? encoder.encode(data) : data),
            (taken) => taken ? Effect.void : Effect.interrupt,
          ),
      }
      const exit = yield* Effect.exit(Effect.provideService(program, DataOut, toQueue))
      const whole = Exit.isSuccess(exit) || Option.exists(Exit.findErrorOption(exit), keepsData)
      yield* whole ? Queue.end(pages) : Queue.fail(pages, new Unfinished())
      const written = yield* Fiber.await(writing)
      // The file's own failure comes first: the program may have stopped because of it.
      const fileFailure = Exit.isFailure(written) ? Exit.findErrorOption(written) : Option.none()
      if (Option.isSome(fileFailure) && !(fileFailure.value instanceof Unfinished)) {
        return yield* Effect.fail(fileErrorOf(fileFailure.value))
      }
      return yield* exit
    })

/** Runs `program` with its data going to `output` if given, else to stdout. */
export const to =
  (output: Option.Option<string>) =>
  <A, E, R>(program: Effect.Effect<A, E, R>): Effect.Effect<A, E | FileError, R | FileSystem.FileSystem> =>
    Option.isSome(output) ? toFile(output.value)(program) : program
