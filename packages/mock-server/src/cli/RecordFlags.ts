/**
 * `--record URL --cassette FILE`: the mock as a recording proxy in front of a real Polyv (see
 * `cassette/Recorder.ts`) instead of an offline one. The URL is checked (http or https) and the
 * file's place too, before anything listens: either wrong is a usage error (exit 2).
 *
 * @module
 */
import { AtomicFile, credentialsEnv } from "@polyv-stats/core"
import { Console, Effect, type FileSystem, Option, Redacted } from "effect"
import { CliError, Flag } from "effect/cli"
import { isLoopback } from "../admin/Exposure.js"
import { type RunningRecorder, startRecorder } from "../cassette/Recorder.js"
import { expectedUpstream, parseUpstream } from "../cassette/Upstream.js"
import { type ListenError, listenError } from "./ListenError.js"
import { printableLines } from "./Printable.js"

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
      `With --record: the cassette file (JSON, replaced whole after each call; never the secret, ${credentialsEnv.appSecret} or --app-secret, nor a sign)`,
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

/** Whether the flags ask to record, checked: both flags or neither. */
export const recording = (
  input: RecordInput,
): Effect.Effect<{ readonly upstream: URL; readonly cassette: string } | undefined, CliError.ValidationError> => {
  if (Option.isNone(input.record) && Option.isNone(input.cassette)) return Effect.succeed(undefined)
  if (Option.isNone(input.record)) {
    return Effect.fail(
      usage("--cassette is for recording: give --record URL too (replaying a cassette is not available yet)"),
    )
  }
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
    const running: RunningRecorder = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          startRecorder({
            upstream: given.upstream,
            cassette: given.cassette,
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
