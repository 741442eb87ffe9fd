/**
 * `polyv-stats demo` — a guided tour with no network and no account: it starts the embedded mock
 * on a free local port with the public demo credentials, runs every API command against it
 * (parsed from a real command line, credentials from the environment they would read), and ends
 * by waiting for a session's report and downloading it, into a temporary folder that is removed
 * when the tour ends, however it ends (a failure, Ctrl-C): the tour leaves nothing behind.
 *
 * @module
 */
import { AtomicFile, ChinaTime, Contract } from "@polyv-stats/core"
import { demoCredentials, type RunningMock, startServer } from "@polyv-stats/mock-server"
import { ConfigProvider, Console, Effect, FileSystem, Option } from "effect"
import { Command } from "effect/cli"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { handled, UsageError } from "../errors/ExitCode.js"
import { env } from "../flags/Env.js"
import * as OutputFlags from "../flags/OutputFlags.js"
import * as Stderr from "../output/Stderr.js"
import { version } from "../version.js"
import * as Api from "./api.js"

/** The API commands under the usual name, so the tour parses exactly what a user would type. */
const tour = Command.make("polyv-stats").pipe(Command.withSubcommands(Api.commands))

/**
 * The tour is one story: what the commands print on stderr (progress, summaries, warnings,
 * errors and hints) is shown in line with their stdout, so `polyv-stats demo | less` shows it all.
 */
const inOneStream: Console.Console = Object.assign(Object.create(globalThis.console) as Console.Console, {
  error: (...args: ReadonlyArray<unknown>) => globalThis.console.log(...args),
})

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`)

/**
 * The writer the tour's commands print their stderr through: in line on stdout, with the tour's own
 * `--quiet` and colour choice (made for stdout: `polyv-stats demo | less` is not a terminal).
 */
const tourWriter = Effect.gen(function*() {
  const quiet = yield* OutputFlags.Quiet
  const color = Option.getOrUndefined(yield* OutputFlags.ColorFlag)
  return Stderr.make(process.stdout, OutputFlags.optionsFor({ quiet, color }, process.stdout))
})

/** Runs `polyv-stats <args>` against the mock, showing the command line first. */
const show = (running: RunningMock, writer: Stderr.Stderr, args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    yield* Console.log(`$ polyv-stats ${args.map(quote).join(" ")}`)
    const code = yield* handled(
      Command.runWith(tour, { version })(args).pipe(
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({
          [env.baseUrl]: running.url,
          [env.appId]: demoCredentials.appId,
          [env.appSecret]: demoCredentials.appSecret,
        }))),
      ),
    )
    if (code !== 0) yield* Console.log(`(exit code ${code})`)
    yield* Console.log("")
    return code
  }).pipe(
    Effect.provideService(Console.Console, inOneStream),
    Effect.provideService(Stderr.Stderr, writer),
  )

const say = (...lines: ReadonlyArray<string>) => Console.log(lines.join("\n"))

/**
 * The tour's temporary folder, made before the tour starts (removed with its scope: when the tour
 * ends, fails or is interrupted). A TMPDIR that cannot hold it is one line naming it, before any
 * step runs (exit 2).
 */
const temporaryFolder = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  return yield* fs.makeTempDirectoryScoped({ prefix: "polyv-stats-demo-" }).pipe(
    Effect.mapError((error) => {
      const given = process.env["TMPDIR"]
      const where = given === undefined ?
        `the temporary folder ${JSON.stringify(tmpdir())}` :
        `TMPDIR=${JSON.stringify(given)}`
      return new UsageError({
        message: `the demo needs a temporary folder, and cannot make one in ${where}: ${
          AtomicFile.describeSystemError(error)
        }; set TMPDIR to a folder you can write`,
      })
    }),
  )
})

export const run = Effect.gen(function*() {
  const writer = yield* tourWriter
  const folder = yield* temporaryFolder
  const running = yield* Effect.acquireRelease(
    Effect.promise(() => startServer({ port: 0 })),
    (mock) => Effect.promise(mock.close),
  )
  const { world } = running.mock
  const now = running.mock.now()
  const day = (daysAgo: number) => ChinaTime.formatDate(now - daysAgo * ChinaTime.dayMillis)
  const live = world.channels[0]!
  const ended = world.channels.find((c) => world.sessions(c)[0]?.endTime !== null) ?? world.channels[1]!
  const endedSession = world.sessions(ended).find((s) => s.endTime !== null)!

  yield* say(
    "polyv-stats demo: a tour of every command, with no network and no Polyv account.",
    "",
    `An offline Polyv (the mock) is now listening on ${running.url}. Its made-up account has`,
    `${world.channels.length} channels (${world.channels.map((c) => c.channelId).join(", ")}) of users ${
      world.users.join(", ")
    },`,
    "each channel with a history of live sessions. The commands below are the real commands, with",
    "the environment pointing them at the mock and holding the public demo credentials:",
    `  ${env.baseUrl}=${running.url} ${env.appId}=${demoCredentials.appId} ${env.appSecret}=<demo secret>`,
    "What they print on stderr (summaries, progress, warnings) is shown in line here.",
    "",
    `1. The five newest sessions of channel ${live.channelId}; "live" means the session is on air now:`,
    "",
  )
  yield* show(running, writer, ["sessions", "--channel", live.channelId, "--page-size", "5", "--format", "table"])

  yield* say(
    `2. Every session of channel ${ended.channelId} since ${
      day(75)
    }: more than the ${Contract.maxSpanDays} days one call may span,`,
    "   so --all reads it window by window and page by page, printing each session as it arrives.",
    "   As CSV this time (json, ndjson and csv are for programs; json is the default in a pipe):",
    "",
  )
  yield* show(running, writer, [
    "sessions",
    "--channel",
    ended.channelId,
    "--from",
    day(75),
    "--all",
    "--page-size",
    "10",
    "--format",
    "csv",
  ])

  yield* say("3. The all-time live time of every channel, in one batched call:", "")
  yield* show(running, writer, [
    "durations",
    "--channels",
    world.channels.map((c) => c.channelId).join(","),
    "--format",
    "table",
  ])

  yield* say("4. The peak of concurrent viewers across the account's users in the last 30 days:", "")
  yield* show(running, writer, [
    "concurrency",
    "--users",
    world.users.join(","),
    "--from",
    day(30),
    "--to",
    day(0),
    "--format",
    "table",
  ])

  yield* say(
    "5. Co-host (连麦) minutes this month. Polyv counts a day two days late, so the command warns",
    "   that the total may still grow:",
    "",
  )
  yield* show(running, writer, ["mic-usage", "--from", day(30), "--to", day(0), "--format", "json"])

  yield* say("6. Mistakes say what to fix, and the exit code says what kind of failure it was:", "")
  yield* show(running, writer, ["sessions", "--channel", "1", "--format", "table"])

  const fs = yield* FileSystem.FileSystem
  const file = join(folder, `${ended.channelId}-${endedSession.sessionId}.xlsx`)
  yield* say(
    `7. Last, the report of session ${endedSession.sessionId}. Polyv generates it on request; --wait polls`,
    "   until it is ready (the progress line is redrawn in place on a terminal), then --download saves",
    "   the .xlsx with a progress bar:",
    "",
  )
  const code = yield* show(running, writer, [
    "report",
    "--channel",
    ended.channelId,
    "--session",
    endedSession.sessionId,
    "--wait",
    "--poll-interval",
    "1s",
    "--download",
    file,
    "--format",
    "json",
  ])
  const saved = Option.getOrUndefined(yield* Effect.option(fs.stat(file)))
  yield* say(
    code === 0 && saved !== undefined
      ? [
        `The report (${saved.size} bytes) was saved to ${file},`,
        "in a temporary folder the tour removes as it ends. To keep one, run the same command against",
        "your account with --download report.xlsx.",
      ].join("\n")
      : "(The download could not finish: see the error above.)",
    "",
    "That was the tour; the mock now closes, and the temporary folder goes with it. Next steps:",
    `  - Your own account: export ${env.appId}=… ${env.appSecret}=… then`,
    "      polyv-stats sessions --channel <your channel ID>",
    "  - A mock to script against: polyv-stats mock   (prints its URL, runs until Ctrl-C)",
    "  - Every command, flag and exit code: polyv-stats --help, polyv-stats <command> --help",
  )
}).pipe(Effect.scoped)

export const command = Command.make("demo", {}, () => run).pipe(
  Command.withShortDescription("A tour of every command against a built-in mock: no account, no network"),
  Command.withDescription(
    [
      "Starts the built-in mock on a free local port with the public demo credentials, runs every",
      "  command against it (sessions, --all, durations, concurrency, mic-usage, an error, and report",
      "  --wait --download into a temporary folder, made in TMPDIR before the tour starts), and closes it",
      "  again, removing the folder (also on failure, Ctrl-C or SIGHUP). Needs no account, no",
      "  credentials and no network.",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => [
    { command: commandPath.join(" "), description: "Take the tour" },
    { command: `${commandPath.join(" ")} | less`, description: "At your own pace" },
  ]),
)
