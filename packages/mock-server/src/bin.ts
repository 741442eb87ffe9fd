#!/usr/bin/env node
/**
 * `polyv-mock`: the standalone mock (see `cli/MockCommand.ts`). Prints its URL as the first line
 * of stdout and serves until SIGINT/SIGTERM. Exit codes: 130 stopped by a signal (after closing),
 * 2 bad flags (a --host that is not this machine's included), 1 it could not start (e.g. the port
 * is taken); either failure is one line on stderr.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Console, Effect, Exit } from "effect"
import { CliError, CliOutput, Command } from "effect/cli"
import { ListenError } from "./cli/ListenError.js"
import * as MockCommand from "./cli/MockCommand.js"

const version = "0.1.0"

/** Help and version on stdout; a bad invocation prints only its error, on stderr (stdout is for the URL). */
const presenter: CliOutput.Presenter = {
  present: (event) =>
    Effect.gen(function*() {
      const formatter = CliOutput.defaultFormatter({ colors: false })
      switch (event._tag) {
        case "Help":
          return yield* Console.log(formatter.formatHelpDoc(event.helpDoc))
        case "Version":
          return yield* Console.log(formatter.formatVersion(event.name, event.version))
        case "InvalidInvocation":
          for (const error of event.errors) yield* Console.error(`polyv-mock: ${error.message.split("\n")[0]}`)
          return yield* Console.error("Run polyv-mock --help for usage.")
      }
    }),
}

Command.run(MockCommand.make("polyv-mock"), { version }).pipe(
  Effect.provide(CliOutput.layerPresenter(presenter)),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) return onExit(0)
      if (Cause.hasInterruptsOnly(exit.cause)) return onExit(130)
      const error = Cause.squash(exit.cause)
      if (CliError.isCliError(error)) return onExit(2)
      process.stderr.write(`polyv-mock: ${error instanceof Error ? error.message : String(error)}\n`)
      return onExit(error instanceof ListenError && error.reason === "host" ? 2 : 1)
    },
  }),
)
