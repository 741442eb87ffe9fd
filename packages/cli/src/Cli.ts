/**
 * The `polyv-stats` command tree and its entry point. Add a command: write it under
 * `commands/`, spread `GlobalFlags.api` into its flags if it calls Polyv, list it below.
 *
 * @module
 */
import { Effect } from "effect"
import { Command } from "effect/cli"
import * as Demo from "./commands/demo.js"
import * as Mock from "./commands/mock.js"
import * as Sessions from "./commands/sessions.js"
import { exitCodesHelp, handled } from "./errors/ExitCode.js"
import { env } from "./flags/GlobalFlags.js"
import * as Presenter from "./output/Presenter.js"
import { version } from "./version.js"

export const root = Command.make("polyv-stats").pipe(
  Command.withDescription(
    [
      "Polyv (保利威) live-streaming statistics from the command line.",
      "",
      "  Commands that call Polyv take these flags (after the command name):",
      `    --app-id, --app-secret  your credentials; or set ${env.appId} and ${env.appSecret}`,
      `    --base-url              default https://api.polyv.net; or set ${env.baseUrl}`,
      "    --format table|json     default: table on a terminal, json when piped",
      "  Data goes to stdout; messages, hints and paging summaries to stderr.",
      "",
      "  Exit codes:",
      ...exitCodesHelp.map((line) => `    ${line}`),
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} demo`, description: "A tour against a built-in mock: no account needed" },
      {
        command: `${env.appId}=… ${env.appSecret}=… ${self} sessions --channel 2272655`,
        description: "A channel's newest sessions",
      },
      {
        command: `${self} sessions --channel 2272655 --from 2026-01-01 --to 2026-01-31 --format json`,
        description: "A month as JSON",
      },
      { command: `${self} mock --port 8787`, description: "An offline Polyv to develop and test against" },
      { command: `${self} sessions --help`, description: "Everything about one command" },
    ]
  }),
  Command.withSubcommands([Sessions.command, Demo.command, Mock.command]),
)

/** Runs the CLI on `args` (without `node` and the script); succeeds with the exit code. */
export const main = (args: ReadonlyArray<string>) =>
  handled(Command.runWith(root, { version })(args)).pipe(Effect.provide(Presenter.layer))
