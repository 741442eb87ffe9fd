/**
 * The one place that turns how a run ended into a message on stderr and an exit code. The codes
 * and what each means are one table (`exitCodes`), which the root `--help` prints as it is.
 *
 * @module
 */
import { type AtomicFile, type CallError, Pacing, reportDownloadEndpoint, Signer } from "@polyv-stats/core"
import { BrokenOutput, ListenError } from "@polyv-stats/mock-server"
import { Cause, Data, Duration, Effect, Exit, Option } from "effect"
import { CliError } from "effect/cli"
import { env } from "../flags/Env.js"
import * as Values from "../flags/values.js"
import * as Stderr from "../output/Stderr.js"
import { Hinted } from "./Refusals.js"

/** Each way a run ends: its exit code, and what the root `--help` says of it. */
const exitCodes = {
  ok: [0, "success"],
  apiError: [
    1,
    "Polyv answered with an error (its message is printed, with a hint); verify: Polyv drifted from the contract",
  ],
  usage: [
    2,
    "bad usage or input (a bad or missing flag or credential, a --download or --output file that cannot be written, --download - to a terminal, mock --host not of this machine or a refused mock --world file, --wizard without a terminal)",
  ],
  network: [
    3,
    "network failure: no whole answer from --base-url (refused, DNS, reset, timeout, a body cut short) after the retries",
  ],
  reportTimeout: [4, "report --wait: the report was still not ready when --timeout ran out"],
  mockListen: [5, "mock could not listen: its --port is taken or not allowed (0 picks a free one)"],
  internal: [70, "internal error (a bug in polyv-stats: please report it)"],
  output: [
    BrokenOutput.outputExitCode,
    "stdout or stderr could not be written (e.g. a full disk); a reader that stops early (… | head) ends with 0",
  ],
  interrupted: [130, "stopped by Ctrl-C / SIGTERM / SIGHUP (how `mock` normally ends)"],
} as const

type ExitCodes = { readonly [K in keyof typeof exitCodes]: (typeof exitCodes)[K][0] }

export const ExitCode = Object.fromEntries(
  Object.entries(exitCodes).map(([name, [code]]) => [name, code]),
) as ExitCodes

/** The exit codes as the root `--help` documents them. */
export const exitCodesHelp = Object.values(exitCodes).map(([code, meaning]) => `${String(code).padEnd(5)}${meaning}`)

/** Bad usage found by a command itself (after effect/cli parsed the flags): exit 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/** `verify` found answers that are not what the contract says: exit 1 (the report says which). */
export class ContractDrift extends Data.TaggedError("ContractDrift")<{ readonly message: string }> {}

/** A file could not be written (`report --download`, `--output`): exit 2, the path was the user's. */
export class FileError extends Data.TaggedError("FileError")<{ readonly message: string }> {}

/**
 * `flag`'s file could not be written, or was refused: one line naming the flag, the path and why;
 * for a device or a pipe (maybe given for stdout, `/dev/stdout`), also what writes to stdout.
 */
export const fileError = (flag: string, toStdout: string) => (error: AtomicFile.FileWriteError) =>
  new FileError({
    message: `${flag} ${JSON.stringify(error.path)}: ${error.reason}${
      error.found !== undefined && error.found !== "Directory" ? `; expected ${Values.expected.file}, ${toStdout}` : ""
    }`,
  })

const apiHints: Partial<Record<CallError["_tag"], string>> = {
  InvalidSignature: `check the app secret: ${env.appSecret} or --app-secret (it must belong to the app ID)`,
  InvalidTimestamp: `check the system clock: Polyv refuses requests more than ${
    Signer.timestampWindowMillis / 60_000
  } minutes off its own`,
  ApplicationNotFound: `check the app ID: ${env.appId} or --app-id`,
  AppIdRequired: `set the app ID: ${env.appId} or --app-id`,
  // Each command words these with its own flags (see Refusals); these are for any other caller.
  IllegalChannelId: "the channel ID is not in this account: check it and the app ID",
  ParamValidateError: "Polyv refused a parameter: check the values given",
  RateLimited: `over Polyv's limit of ${Pacing.polyvQuota.limit} requests per ${
    Duration.toSeconds(Pacing.polyvQuota.window)
  } s per IP; wait and retry`,
  ReportNotReady: "the report is still being generated (or the session is live or unknown): add --wait to wait for it",
  ServerError: "Polyv failed on its side; try again later",
  UnexpectedResponse: `is --base-url / ${env.baseUrl} a Polyv API?`,
}

export interface Outcome {
  readonly code: number
  /** Lines for stderr (empty when there is nothing to add). */
  readonly lines: ReadonlyArray<string>
}

/** A failure Polyv reported: its message, and what to do about it. */
const polyvSays = (error: { readonly _tag: string; readonly message?: string }, hint: string | undefined): Outcome => ({
  code: ExitCode.apiError,
  lines: [`error: Polyv says: ${error.message ?? ""} (${error._tag})`, ...(hint ? [`hint: ${hint}`] : [])],
})

const isTagged = (u: unknown): u is { readonly _tag: string; readonly message?: string } =>
  typeof u === "object" && u !== null && typeof (u as { _tag?: unknown })._tag === "string"

/** Whether an error is about downloading the report file rather than an API call. */
const isDownload = (error: object) => (error as { readonly endpoint?: string }).endpoint === reportDownloadEndpoint

/** Classifies one failure value. */
export const classifyError = (error: unknown): Outcome => {
  if (CliError.isCliError(error)) {
    // ShowHelp: effect/cli has already printed the help or the parse errors (see output/Presenter).
    if (error._tag === "ShowHelp") return { code: error.errors.length === 0 ? ExitCode.ok : ExitCode.usage, lines: [] }
    return { code: ExitCode.usage, lines: [`error: ${error.message.split("\n")[0]}`] }
  }
  if (isTagged(error)) {
    const message = error.message ?? ""
    switch (error._tag) {
      case "UsageError":
      case "InvalidParameter":
      case "FileError":
        return { code: ExitCode.usage, lines: [`error: ${message}`] }
      case "ContractDrift":
        return { code: ExitCode.apiError, lines: [`error: ${message}`] }
      case "WorldFileError":
        // `mock --world` refused a file: every problem, one a line, with its path.
        return { code: ExitCode.usage, lines: `error: ${message}`.split("\n") }
      case "ListenError":
        // `mock` on a taken port or a host not of this machine: the line names the flag to change.
        return {
          code: error instanceof ListenError && error.reason === "host" ? ExitCode.usage : ExitCode.mockListen,
          lines: [`error: ${message}`],
        }
      case "ReportWaitTimedOut":
        return {
          code: ExitCode.reportTimeout,
          lines: [
            `error: ${message}`,
            "hint: a live session has no report until it ends, and an unknown session ID is never ready; otherwise wait longer with --timeout (e.g. --timeout 30m)",
          ],
        }
      case "TransportError":
        if (isDownload(error)) {
          return {
            code: ExitCode.network,
            lines: [
              `error: could not download the report: ${message}`,
              `hint: nothing was saved and a file already there is unchanged; ${
                (error as { readonly timedOut?: boolean }).timedOut === true
                  ? "--timeout makes the download more patient"
                  : "the report's server could not be reached or broke off: try again (the URL stays valid)"
              }`,
            ],
          }
        }
        return {
          code: ExitCode.network,
          lines: [
            `error: no whole answer from Polyv (${message})`,
            `hint: check --base-url / ${env.baseUrl} and the network; --retries and --timeout make it more patient`,
          ],
        }
      case "UnexpectedResponse":
        if (isDownload(error)) {
          return {
            code: ExitCode.apiError,
            lines: [
              `error: could not download the report: ${message}`,
              "hint: nothing was saved and a file already there is unchanged; run the report command again for a fresh URL",
            ],
          }
        }
        return {
          code: ExitCode.apiError,
          lines: [`error: the answer is not a Polyv response: ${message}`, `hint: ${apiHints.UnexpectedResponse}`],
        }
    }
    if (error instanceof Hinted) return polyvSays(error.refusal, error.hint)
    if (error._tag in apiHints || "code" in error) return polyvSays(error, apiHints[error._tag as CallError["_tag"]])
  }
  return { code: ExitCode.internal, lines: [`internal error: ${String(error)}`] }
}

/** Classifies how a run ended. */
export const classify = <A>(exit: Exit.Exit<A, unknown>): Outcome => {
  if (Exit.isSuccess(exit)) return { code: ExitCode.ok, lines: [] }
  const failure = Cause.findErrorOption(exit.cause)
  if (Option.isSome(failure)) return classifyError(failure.value)
  if (Cause.hasInterruptsOnly(exit.cause)) return { code: ExitCode.interrupted, lines: [] }
  return {
    code: ExitCode.internal,
    // One line with the cause under it: stderr prints an error line whole, even with --quiet.
    lines: [`internal error (please report it):\n${Cause.pretty(exit.cause)}`],
  }
}

/** Runs a program, prints what went wrong on stderr, and succeeds with the exit code. */
export const handled = <A, E, R>(program: Effect.Effect<A, E, R>): Effect.Effect<number, never, R> =>
  Effect.exit(program).pipe(
    Effect.flatMap((exit) => {
      const outcome = classify(exit)
      return Effect.as(Effect.forEach(outcome.lines, Stderr.line, { discard: true }), outcome.code)
    }),
  )
