/**
 * `polyv-stats demo` — a guided tour with no network and no account: it starts the embedded mock
 * on a free local port with the public demo credentials, runs the real `sessions` command against
 * it (parsed from a command line, credentials from the environment it would read), and closes.
 *
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"
import { demoCredentials, type RunningMock, startServer } from "@polyv-stats/mock-server"
import { ConfigProvider, Console, Effect } from "effect"
import { Command } from "effect/cli"
import { handled } from "../errors/ExitCode.js"
import { env } from "../flags/GlobalFlags.js"
import { version } from "../version.js"
import * as Sessions from "./sessions.js"

/**
 * The tour is one story: what `sessions` prints on stderr (paging summaries, errors, hints) is
 * shown in line with its stdout, so `polyv-stats demo | less` shows it all.
 */
const inOneStream: Console.Console = Object.assign(Object.create(globalThis.console) as Console.Console, {
  error: (...args: ReadonlyArray<unknown>) => globalThis.console.log(...args),
})

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`)

/** Runs `polyv-stats sessions <args>` against the mock, showing the command line first. */
const showSessions = (running: RunningMock, args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    yield* Console.log(`$ polyv-stats sessions ${args.map(quote).join(" ")}`)
    const code = yield* handled(
      Command.runWith(Sessions.command, { version })(args).pipe(
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
  }).pipe(Effect.provideService(Console.Console, inOneStream))

export const run = Effect.gen(function*() {
  const running = yield* Effect.acquireRelease(
    Effect.promise(() => startServer({ port: 0 })),
    (mock) => Effect.promise(mock.close),
  )
  const { world } = running.mock
  const [first, second] = [world.channels[0]!, world.channels[1] ?? world.channels[0]!]
  const today = ChinaTime.formatDate(running.mock.now())
  const weeksAgo = ChinaTime.formatDate(running.mock.now() - 21 * ChinaTime.dayMillis)

  yield* Console.log([
    "polyv-stats demo: a tour with no network and no Polyv account.",
    "",
    `An offline Polyv (the mock) is now listening on ${running.url}. Its made-up account has`,
    `${world.channels.length} channels (${
      world.channels.map((c) => c.channelId).join(", ")
    }), each with a history of live sessions.`,
    "The commands below are the real `sessions` command, with the environment pointing it at the",
    "mock and holding the public demo credentials:",
    `  ${env.baseUrl}=${running.url} ${env.appId}=${demoCredentials.appId} ${env.appSecret}=<demo secret>`,
    "",
    `1. The five newest sessions of channel ${first.channelId}; "live" means the session is on air now:`,
    "",
  ].join("\n"))
  yield* showSessions(running, ["--channel", first.channelId, "--page-size", "5", "--format", "table"])

  yield* Console.log([
    `2. Sessions of channel ${second.channelId} in a date range, as JSON for scripts (the default when`,
    "   stdout is not a terminal). Dates are China time; --to includes that whole day:",
    "",
  ].join("\n"))
  yield* showSessions(running, [
    "--channel",
    second.channelId,
    "--from",
    weeksAgo,
    "--to",
    today,
    "--page-size",
    "2",
    "--format",
    "json",
  ])

  yield* Console.log("3. Mistakes say what to fix, and the exit code says what kind of failure it was:\n")
  yield* showSessions(running, ["--channel", "1", "--format", "table"])

  yield* Console.log([
    "That was the tour; the mock is closed again. Next steps:",
    `  - Your own account: export ${env.appId}=… ${env.appSecret}=… then`,
    "      polyv-stats sessions --channel <your channel ID>",
    "  - A mock to script against: polyv-stats mock   (prints its URL, runs until Ctrl-C)",
    "  - Every command, flag and exit code: polyv-stats --help, polyv-stats sessions --help",
  ].join("\n"))
}).pipe(Effect.scoped)

export const command = Command.make("demo", {}, () => run).pipe(
  Command.withShortDescription("A 30-second tour against a built-in mock: no account, no network"),
  Command.withDescription(
    [
      "Starts the built-in mock on a free local port with the public demo credentials, runs the real",
      "  `sessions` command against it a few times (table, JSON, an error), and closes it again.",
      "  Needs no account, no credentials and no network.",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => [
    { command: commandPath.join(" "), description: "Take the tour" },
  ]),
)
