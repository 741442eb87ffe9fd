/**
 * The `polyv-stats` command tree and its entry point. Add a command: write it under `commands/`,
 * pipe it through `GlobalFlags.withApiFlags` if it calls Polyv, list it in `commands/api.ts` (the
 * demo tours that list) or below.
 *
 * @module
 */
import { defaultBaseUrl, defaultDeadline, Pacing } from "@polyv-stats/core"
import { Duration, Effect } from "effect"
import { Command } from "effect/cli"
import * as Api from "./commands/api.js"
import * as Demo from "./commands/demo.js"
import * as Mock from "./commands/mock.js"
import { exitCodesHelp, handled } from "./errors/ExitCode.js"
import * as Argv from "./flags/Argv.js"
import * as Completions from "./flags/Completions.js"
import { env } from "./flags/Env.js"
import { defaultRequestTimeout, defaultRetries } from "./flags/GlobalFlags.js"
import * as OutputFlags from "./flags/OutputFlags.js"
import { rateWindow } from "./flags/values.js"
import { noColorEnv } from "./output/Color.js"
import * as Presenter from "./output/Presenter.js"
import { version } from "./version.js"

/** The commands that call Polyv, by name: their shared flags are the global ones. */
const apiCommandNames = Api.commands.map((c) => c.name)

export const root = Command.make("polyv-stats").pipe(
  Command.withDescription(
    [
      "Polyv (保利威) live-streaming statistics from the command line.",
      "",
      `  The commands that call Polyv (${apiCommandNames.join(", ")}) share`,
      "  these flags, before or after the command name:",
      `    --app-id, --app-secret  your credentials; or set ${env.appId} and ${env.appSecret}`,
      `    --base-url <url>        default ${defaultBaseUrl}; or set ${env.baseUrl}`,
      "    --format <f>            table, json, ndjson or csv (default: table on a terminal, json otherwise)",
      "    -o, --output <file>     the data to this file, whole or not at all, instead of stdout (default format json)",
      "    --time-format ms|iso    times in json/ndjson/csv: ms since 1970 (default) or ISO 8601 in China time (+08:00)",
      `    --timeout <duration>    per request (default ${
        Duration.format(defaultRequestTimeout)
      }); with report --wait, the whole wait (default ${
        Duration.format(defaultDeadline)
      }); with report --download, the longest pause in the file`,
      `    --retries <n>           after network failures, timeouts, 5xx and rate limits (default ${defaultRetries})`,
      `    --rate-limit <N/${rateWindow}>    at most N requests per ${rateWindow} (default ${Pacing.defaultRateLimit.limit}; over Polyv's ${Pacing.polyvQuota.limit} only off Polyv)`,
      "    --verbose               each request and answer on stderr (the sign masked)",
      "    --utc                   table times in UTC instead of the local time zone",
      "  Data goes to stdout; progress, warnings, summaries and errors to stderr. Every command takes:",
      "    -q, --quiet             only errors, warnings and hints on stderr (no progress or summaries)",
      `    --color, --no-color     colour errors and warnings always / never (default: on a terminal, off with ${noColorEnv}=1)`,
      "    --wizard                build the command line by answering questions (needs a terminal)",
      "  `polyv-stats help <command>` is `polyv-stats <command> --help`.",
      "  Shell completions: polyv-stats --completions bash|zsh|fish (e.g. add",
      "  `source <(polyv-stats --completions bash)` to ~/.bashrc).",
      "",
      "  Exit codes:",
      ...exitCodesHelp.map((line) => `    ${line}`),
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} demo`, description: "A tour of every command against a built-in mock: no account needed" },
      {
        command: `${env.appId}=… ${env.appSecret}=… ${self} sessions --channel 2272655`,
        description: "A channel's newest sessions",
      },
      {
        command: `${self} --format ndjson sessions --channel 2272655 --from 2025-01-01 --all`,
        description: "Every session since 2025, one JSON object per line",
      },
      {
        command: `${self} durations --channels 2272655,2477096 --format csv --time-format iso -o live.csv`,
        description: "Live time as CSV in a file (written whole or not at all)",
      },
      { command: `${self} -q sessions --channel 2272655 --all --format ndjson`, description: "Only data and errors" },
      {
        command: `${self} report --channel 2272655 --session fv3ldt4dhn --wait --download report.xlsx`,
        description: "Wait for a session's report and save it",
      },
      { command: `${self} mock --port 8787`, description: "An offline Polyv to develop and test against" },
      { command: `${self} help sessions`, description: "Everything about one command (= sessions --help)" },
    ]
  }),
  Command.withSubcommands([...Api.commands, Demo.command, Mock.command]),
  Command.withGlobalFlags(OutputFlags.all),
)

/** The flags of the whole tree, for reading a command line (see flags/Argv). */
const flagNames = () => Argv.flagNamesOf(Completions.flagTree(root, apiCommandNames))

/**
 * Runs the CLI on `args` (without `node` and the script); succeeds with the exit code. Its stderr
 * writer is the caller's (bin.ts makes it from `--quiet` and the colour flags; a test, its own).
 */
export const main = (args: ReadonlyArray<string>) =>
  handled(Effect.flatMap(Argv.prepare(args, flagNames), Command.runWith(root, { version }))).pipe(
    Effect.provide(Presenter.layer(OutputFlags.stderrOptions(args, process.stdout).color)),
    Effect.provide(Completions.layer(apiCommandNames)),
  )
