/**
 * `--record URL --cassette FILE`: the mock as a recording proxy in front of a real Polyv (see
 * `cassette/Recorder.ts`) instead of an offline one. The URL is checked (http or https) and the
 * file's place too, before anything listens: either wrong is a usage error (exit 2). `--cassette
 * FILE` alone replays the cassette instead (read and checked here, served by the mock).
 *
 * @module
 */
import { AtomicFile, credentialsEnv } from "@polyv-stats/core"
import { Console, Effect, FileSystem, Layer, Option, Redacted } from "effect"
import { CliError, Flag } from "effect/cli"
import { isLoopback } from "../admin/Exposure.js"
import { type Cassette, cassetteOrThrow } from "../cassette/Cassette.js"
import { type RunningRecorder, startRecorder } from "../cassette/Recorder.js"
import { expectedUpstream, parseUpstream } from "../cassette/Upstream.js"
import { unexpectedStatus } from "../protocol/OwnError.js"
import type { WorldFileError } from "../world/WorldFile.js"
import { type ListenError, listenError } from "./ListenError.js"
import { printableLines } from "./Printable.js"
import { readChecked } from "./TextFile.js"

export const recordFlags = {
  record: Flag.String("record").pipe(
    Flag.withMetavar("url"),
    Flag.withDescription(
      "Instead of serving an offline Polyv, forward every call to this upstream (e.g. https://api.polyv.net) unchanged and save each answer to --cassette; the world flags do not apply",
    ),
    Flag.filterMap(
      (text) => {
        const url = parseUpstream(text)
        return url instanceof URL ? Option.some(url) : Option.none()
      },
      (text) => {
        const parsed = parseUpstream(text)
        return `${expectedUpstream}${parsed instanceof URL ? "" : `: ${parsed.problem}`}`
      },
    ),
    Flag.optional,
  ),
  cassette: Flag.String("cassette").pipe(
    Flag.withMetavar("file"),
    Flag.withDescription(
      `With --record: the cassette file to record to (JSON, replaced whole after each call; never the secret, ${credentialsEnv.appSecret} or --app-secret, nor a sign). Without it: replay that cassette — its recorded answers for the requests it holds (after the mock's own sign checks; v4 request IDs fresh), the world for the rest (--strict: a loud ${unexpectedStatus} instead)`,
    ),
    Flag.optional,
  ),
}

const usage = (message: string) => new CliError.ValidationError({ message })

/** What recording needs of the mock's flags. */
export interface RecordInput {
  readonly record: Option.Option<URL>
  readonly cassette: Option.Option<string>
  readonly host: string
  readonly port: number
  readonly appSecret: Option.Option<Redacted.Redacted<string>>
}

/** Whether the flags ask to record, checked: `--record` needs `--cassette` (which alone replays). */
export const recording = (
  input: RecordInput,
): Effect.Effect<{ readonly upstream: URL; readonly cassette: string } | undefined, CliError.ValidationError> => {
  if (Option.isNone(input.record)) return Effect.succeed(undefined)
  if (Option.isNone(input.cassette)) return Effect.fail(usage("--record needs --cassette FILE to save the answers in"))
  return Effect.succeed({ upstream: input.record.value, cassette: input.cassette.value })
}

/**
 * Records until interrupted: prints the recorder's URL on stdout (the first line, as the mock's),
 * where it records on stderr, and closes (the last write of the cassette done) when interrupted.
 */
export const record = (
  input: RecordInput,
  given: { readonly upstream: URL; readonly cassette: string },
): Effect.Effect<never, ListenError | CliError.ValidationError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    yield* AtomicFile.check(given.cassette).pipe(
      Effect.mapError((error) => usage(`--cassette ${given.cassette}: ${error.message}`)),
    )
    const secret = Option.getOrUndefined(Option.map(input.appSecret, Redacted.value)) ??
      process.env[credentialsEnv.appSecret]
    const fileSystem = yield* FileSystem.FileSystem
    const running: RunningRecorder = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          startRecorder({
            upstream: given.upstream,
            cassette: given.cassette,
            fileSystem: Layer.succeed(FileSystem.FileSystem, fileSystem),
            host: input.host,
            port: input.port,
            secret,
          }),
        catch: (error) => listenError(error, input.host, input.port),
      }),
      (served) => Effect.promise(served.close).pipe(Effect.andThen(Console.error(`Recorder on ${served.url} closed.`))),
    )
    yield* Console.log(running.url)
    yield* Console.error(printableLines(
      `Recording ${given.upstream.href} through ${running.url} to ${given.cassette}${
        secret === undefined ? "" : " (the app secret kept out of it)"
      }\nStop it with Ctrl-C (SIGINT) or SIGTERM.`,
    ))
    if (!isLoopback(input.host)) {
      yield* Console.error(printableLines(
        `warning: --host ${input.host} is not a loopback address: other machines can send requests through this recorder to ${given.upstream.host}, and each is saved in ${given.cassette}.`,
      ))
    }
    return yield* Effect.never
  }).pipe(Effect.scoped)

/** The cassette `--cassette` names for replay: read, parsed and checked whole (a `WorldFileError` lists every problem). */
export const readCassette = (file: string): Effect.Effect<Cassette, CliError.ValidationError | WorldFileError> =>
  readChecked<Cassette, WorldFileError>("--cassette", file, cassetteOrThrow)
