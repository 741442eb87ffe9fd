#!/usr/bin/env node
/**
 * `polyv-mock`: the standalone mock (see `cli/MockCommand.ts`). Prints its URL as the first line
 * of stdout and serves until SIGINT/SIGTERM. It ends as `polyv-stats mock` does, through the same
 * shared pieces (`cli/BrokenOutput`, `cli/Printable`, `cli/Wizard`); only a port it cannot listen
 * on has its own code. Exit codes:
 *
 * - 0: `--help`, `--version` (or a reader of its output that stopped early: a closed pipe)
 * - 1: it could not listen (the port is taken or not allowed)
 * - 2: bad usage: a bad flag, a `--host` not of this machine, `--wizard` without a terminal, a
 *   `POLYV_MOCK_ADMIN_TOKEN` that is set but not a token, a `--world` file refused (every problem
 *   listed, one a line, nothing served), a `--dump-world` file that cannot be written
 * - 74: stdout or stderr cannot be written (a full disk, a closed file): the mock stops serving
 *   first, since nobody could read its URL
 * - 130: stopped by SIGINT/SIGTERM (how it normally ends), after closing
 *
 * Each failure is one line on stderr (a refused world file: one more per problem), control
 * characters shown as escapes.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Console, Effect, Exit } from "effect"
import { CliError, CliOutput, Command } from "effect/cli"
import * as BrokenOutput from "./cli/BrokenOutput.js"
import { ListenError } from "./cli/ListenError.js"
import * as MockCommand from "./cli/MockCommand.js"
import { printable, printableLines } from "./cli/Printable.js"
import { checkWizard } from "./cli/Wizard.js"
import { WorldFileError } from "./world/WorldFile.js"

const version = "0.1.0"

const command = MockCommand.make("polyv-mock")

/** An error as one line for stderr, made printable: flags' values are quoted back as they were typed. */
const errorLine = (text: string) => printable(`error: ${text.split("\n")[0]}`)

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
          for (const error of event.errors) yield* Console.error(errorLine(error.message))
          return yield* Console.error("Run polyv-mock --help for usage.")
      }
    }),
}

// A write that fails on stdout or stderr ends the run with one line and exit 74 (0 for a closed
// pipe), the mock closed first: see BrokenOutput.
const output = BrokenOutput.watch(process)
const args = process.argv.slice(2)

checkWizard(args).pipe(
  Effect.andThen(Command.runWith(command, { version })(args)),
  Effect.raceFirst(output.failed),
  Effect.provide(CliOutput.layerPresenter(presenter)),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // Broken output decides, whatever the program was doing; there is nothing left to flush.
      const broken = output.outcome()
      if (broken !== undefined) return process.exit(broken.code)
      if (Exit.isSuccess(exit)) return onExit(0)
      if (Cause.hasInterruptsOnly(exit.cause)) return onExit(130)
      const error = Cause.squash(exit.cause)
      // effect/cli's parse errors were shown by the presenter (none: help was asked for).
      if (CliError.isCliError(error) && error._tag === "ShowHelp") return onExit(error.errors.length === 0 ? 0 : 2)
      // A refused world file: every problem, one a line.
      if (error instanceof WorldFileError) {
        process.stderr.write(`${printableLines(`error: ${error.message}`)}\n`)
        return onExit(2)
      }
      // The rest (a check of ours such as --wizard's, a port taken) is one line.
      process.stderr.write(`${errorLine(error instanceof Error ? error.message : String(error))}\n`)
      const usage = CliError.isCliError(error) || (error instanceof ListenError && error.reason === "host")
      return onExit(usage ? 2 : 1)
    },
  }),
)
