/**
 * `polyv-stats report` — a session's report (Polyv page 000): the xlsx download URL, or "not
 * ready" while Polyv generates it. `--wait` polls until it is ready (a progress line on stderr),
 * `--download` saves the file (a progress bar on stderr): whole or not at all, through core's
 * `AtomicFile`, so a download cut off, stalled past `--timeout` or stopped by Ctrl-C leaves a file
 * already there as it was. `--download -` writes the report to stdout instead, once it is complete.
 *
 * @module
 */
import {
  AtomicFile,
  Contract,
  defaultDeadline,
  type DownloadProgress,
  firstPollDelay,
  maxPollDelay,
  PolyvClient,
  type WaitProgress,
} from "@polyv-stats/core"
import { Clock, Duration, Effect, Option, Schedule } from "effect"
import { Command, Flag } from "effect/cli"
import { resolve as resolvePath } from "node:path"
import * as Polyv from "../client/Polyv.js"
import { fileError as errorOfFile, UsageError } from "../errors/ExitCode.js"
import * as Refusals from "../errors/Refusals.js"
import * as ChannelFlag from "../flags/ChannelFlag.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import * as IdFlags from "../flags/IdFlags.js"
import * as Values from "../flags/values.js"
import * as DataOut from "../output/DataOut.js"
import * as Records from "../output/Records.js"
import * as Stderr from "../output/Stderr.js"

/** The `--download` value that means stdout. */
export const stdoutTarget = "-"

export const flags = {
  channel: ChannelFlag.channel,
  session: IdFlags.session("Session ID, as `sessions` lists them"),
  wait: Flag.Boolean("wait").pipe(
    Flag.withDescription(
      `While the report is not ready, poll until it is or --timeout runs out (default ${
        Duration.format(defaultDeadline)
      }; exit 4)`,
    ),
    Flag.withDefault(false),
  ),
  pollInterval: Flag.String("poll-interval").pipe(
    Flag.withMetavar("duration"),
    Flag.withDescription(
      `With --wait, poll at this fixed interval (default: from ${Duration.format(firstPollDelay)}, doubling, at most ${
        Duration.format(maxPollDelay)
      })`,
    ),
    Flag.filterMap(Values.duration, () => Values.expected.duration),
    Flag.optional,
  ),
  download: Flag.String("download").pipe(
    Flag.withMetavar("file"),
    Flag.withDescription(
      `Save the report (.xlsx) to this file, with a progress bar on stderr; ${stdoutTarget} writes it to stdout`,
    ),
    Flag.filterMap(Values.file, () => Values.expected.file),
    Flag.optional,
  ),
}

export type ReportFlags = Command.Command.Config.Infer<typeof flags>

/** What the command prints. */
export interface Report {
  readonly channelId: string
  readonly sessionId: string
  /** The download URL Polyv gave (it expires; see core's `contract/exportReport.ts`). */
  readonly url: string
  /** With `--download`: where it was saved and how many bytes. */
  readonly file?: string | undefined
  readonly bytes?: number | undefined
}

export const shape: Records.Shape<Report> = {
  columns: [
    Records.textField("channelId", "CHANNEL"),
    Records.textField("sessionId", "SESSION"),
    { name: "file", header: "FILE", csv: (r) => r.file ?? null, table: (r) => r.file ?? "-" },
    {
      name: "bytes",
      header: "BYTES",
      csv: (r) => r.bytes ?? null,
      table: (r) => String(r.bytes ?? "-"),
      align: "right",
    },
    Records.textField("url", "URL"),
  ],
}

const seconds = (d: Duration.Duration) => {
  const ms = Duration.toMillis(d)
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`
}

/** The progress line while waiting. */
export const waitLine = (sessionId: string, p: WaitProgress, deadline: Duration.Duration) =>
  `waiting for the report of ${sessionId}: poll ${p.attempt} not ready, ${seconds(p.elapsed)} of ${
    seconds(deadline)
  } elapsed, next poll in ${seconds(p.nextDelay)}`

const size = (bytes: number) =>
  bytes < 1024 ?
    `${bytes} B` :
    bytes < 1024 * 1024 ?
    `${(bytes / 1024).toFixed(1)} KB` :
    `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The progress bar while downloading: `[########------------]  40%  2.4 KB of 6.0 KB`. */
export const bar = (received: number, total: number | undefined, width = 24) => {
  if (total === undefined || total <= 0) return `downloading… ${size(received)}`
  const ratio = Math.min(1, received / total)
  const filled = Math.round(ratio * width)
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${
    size(received)
  } of ${size(total)}`
}

/** `--download FILE` could not be written, or was refused: one line naming it and why (exit 2). */
const fileError = errorOfFile(`--download`, `or ${stdoutTarget} for stdout`)

/**
 * Checks `--download` before anything is asked of Polyv: a path that cannot be written (core's
 * `AtomicFile.check`), or `-` when stdout is a terminal (as curl does: the report's bytes, escape
 * sequences included, would go to the screen).
 */
const checkTarget = (path: string, stdoutIsTTY: boolean) =>
  path === stdoutTarget
    ? stdoutIsTTY
      ? Effect.fail(
        new UsageError({
          message:
            `--download ${stdoutTarget} writes the report's bytes to stdout, which is a terminal: redirect stdout (> report.xlsx, | …) or give a file`,
        }),
      )
      : Effect.void
    : Effect.asVoid(Effect.mapError(AtomicFile.check(path), fileError))

const hints: Refusals.RefusalHints = {
  ParamValidateError: () =>
    `check ${
      Refusals.flagList([flags.channel, flags.session])
    }: a session of that channel, as \`polyv-stats sessions\` lists it`,
  IllegalChannelId: Refusals.unknownChannel(flags.channel),
}

export const run = (input: ReportFlags) =>
  Effect.gen(function*() {
    const download = Option.getOrUndefined(input.download)
    // With --output, what goes "to stdout" goes to that file.
    if (download !== undefined) {
      yield* checkTarget(download, Option.isNone(yield* GlobalFlags.Output) && process.stdout.isTTY === true)
    }
    if (!input.wait && Option.isSome(input.pollInterval)) {
      return yield* new UsageError({ message: "--poll-interval only makes sense with --wait" })
    }
    const settings = yield* GlobalFlags.resolve
    const deadline = Option.getOrElse(settings.timeout, () => defaultDeadline)
    // With --wait, --timeout is the whole wait; each request still gives up after the default request timeout at most.
    const client = input.wait
      ? { ...settings.client, timeout: Duration.min(deadline, GlobalFlags.defaultRequestTimeout) }
      : settings.client
    // The download's inactivity timeout is --timeout as given (with --wait too), else the default:
    // a client of its own, since with --wait the one that polls has a shorter timeout.
    const downloading = Polyv.layer(settings)
    return yield* Effect.gen(function*() {
      const polyv = yield* PolyvClient
      const stderr = yield* Stderr.Stderr
      const started = yield* Clock.currentTimeMillis
      const url = input.wait
        ? yield* polyv.waitForReport(input.channel, input.session, {
          deadline,
          schedule: Option.match(input.pollInterval, {
            onNone: () => undefined,
            onSome: (interval) => Schedule.spaced(interval),
          }),
          onProgress: (p) => Effect.sync(() => stderr.progress(waitLine(input.session, p, deadline))),
        }).pipe(Effect.ensuring(Effect.sync(() => stderr.endProgress())))
        : yield* polyv.exportReport({ channelId: input.channel, sessionId: input.session })
      if (input.wait) {
        const elapsed = (yield* Clock.currentTimeMillis) - started
        stderr.line(`The report is ready (after ${seconds(Duration.millis(elapsed))}).`)
      }
      let saved: { file: string; bytes: number } | undefined
      if (download !== undefined) {
        let shownQuarter = -1
        const onProgress = ({ received, total }: DownloadProgress) =>
          Effect.sync(() => {
            // On a terminal the bar is redrawn for every chunk; in a log, once per quarter.
            const quarter = total ? Math.floor((received / total) * 4) : 0
            if (stderr.isTTY || quarter !== shownQuarter) stderr.progress(bar(received, total))
            shownQuarter = quarter
          })
        const endProgress = Effect.ensuring(Effect.sync(() => stderr.endProgress()))
        if (download === stdoutTarget) {
          // Held until complete, so a download that fails writes nothing at all to stdout.
          const bytes = yield* endProgress(
            PolyvClient.use((p) => p.downloadReport(url, onProgress)).pipe(Effect.provide(downloading)),
          )
          yield* Records.write(bytes)
          stderr.line(`Wrote the report to stdout (${size(bytes.length)}).`)
          return
        }
        const bytes = yield* PolyvClient.use((p) => p.downloadReportTo(url, download, onProgress)).pipe(
          Effect.provide(downloading),
          Effect.catchTag("FileWriteError", (e) => Effect.fail(fileError(e))),
          endProgress,
        )
        saved = { file: resolvePath(download), bytes }
        stderr.line(`Saved the report to ${saved.file} (${size(bytes)}).`)
      } else {
        stderr.line(
          `The URL is valid for ${Contract.reportUrlValidDays} days; add --download <file> to save the report.`,
        )
      }
      yield* Records.printOne(
        shape,
        { channelId: input.channel, sessionId: input.session, url, ...saved },
        settings.format,
        GlobalFlags.viewOf(settings, started),
      )
    }).pipe(Effect.provide(Polyv.layer({ ...settings, client })), DataOut.to(settings.output))
  }).pipe(Refusals.withHints(hints))

export const command = Command.make("report", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("A session's report (xlsx): its URL, waiting for it, downloading it"),
  Command.withDescription(
    [
      "Asks Polyv for a session's report (an .xlsx with charts) and prints its download URL. Polyv",
      "  generates it on request: until then it answers \"not ready\" (exit 1, or keep polling with",
      "  --wait: a progress line on stderr shows the poll, the time elapsed and the next poll; when",
      "  --timeout runs out, exit 4). A live session has no report until it ends, and an unknown",
      "  session ID is never ready. --download saves the file, with a progress bar on stderr: whole or",
      `  not at all (it is written beside the file as FILE.<random>${AtomicFile.partialSuffix} and renamed over it once`,
      "  complete; a download cut off, silent for --timeout (with --wait too: the longest pause in the",
      "  file), or stopped by Ctrl-C, SIGTERM or SIGHUP leaves an existing FILE as it was). A replaced",
      "  FILE keeps its permissions; a symbolic link is kept and its file replaced. FILE must be a",
      "  regular file or absent, and writable: a device, a pipe, a folder, a write-protected file or a",
      `  name over ${AtomicFile.maxNameBytes} bytes is refused before Polyv is asked (exit 2). What arrives must be an xlsx`,
      "  (a zip), or nothing is saved; redirects are followed (http and https only).",
      `  --download ${stdoutTarget} writes the report to stdout, and nothing else (refused when stdout is a terminal).`,
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} --channel 2272655 --session fv3ldt4dhn`, description: "The URL, if it is ready" },
      {
        command: `${self} --channel 2272655 --session fv3ldt4dhn --wait --download report.xlsx`,
        description: `Wait until it is ready (up to ${Duration.toMinutes(defaultDeadline)} minutes) and save it`,
      },
      {
        command:
          `${self} --channel 2272655 --session fv3ldt4dhn --download ${stdoutTarget} | ssh backup 'cat > r.xlsx'`,
        description: "Only the report's bytes on stdout, for a pipe",
      },
      {
        command: `${self} --channel 2272655 --session fv3ldt4dhn --wait --timeout 2m --format json`,
        description: "Wait at most two minutes; the URL as JSON",
      },
    ]
  }),
)
