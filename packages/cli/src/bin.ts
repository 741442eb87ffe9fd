#!/usr/bin/env node
/**
 * The `polyv-stats` executable. Bundled into one file (dist/polyv-stats.mjs) so it starts fast.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { BrokenOutput } from "@polyv-stats/mock-server"
import { Effect, Exit } from "effect"
import { main } from "./Cli.js"
import { classify, ExitCode } from "./errors/ExitCode.js"
import { stderrOptions } from "./flags/OutputFlags.js"
import * as Stderr from "./output/Stderr.js"

// A write that fails on stdout or stderr (a reader gone after `| head -1`, a full disk) ends the
// run with one line and its own exit code, never with an uncaught exception: see BrokenOutput.
const output = BrokenOutput.watch(process)

// A closed terminal or a dropped ssh session (SIGHUP) stops the run as SIGTERM does: the program is
// interrupted, so its finalizers run (a download's `.partial` file, the demo's folder are removed)
// instead of the process dying on the signal. The runtime below handles SIGINT and SIGTERM.
process.on("SIGHUP", () => process.emit("SIGTERM", "SIGTERM"))

const args = process.argv.slice(2)
// `--quiet` and the colour flags shape every line on stderr, those before and after the command too.
const stderr = Stderr.make(process.stderr, stderrOptions(args))

main(args).pipe(
  Effect.provideService(Stderr.Stderr, stderr),
  Effect.raceFirst(output.failed),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // Broken output decides, whatever the program was doing; there is nothing left to flush.
      const broken = output.outcome()
      if (broken !== undefined) return process.exit(broken.code)
      if (Exit.isSuccess(exit)) return onExit(typeof exit.value === "number" ? exit.value : ExitCode.ok)
      // `main` handles every failure, so what reaches here is an interrupt (exit 130) or a defect (70).
      const { code, lines } = classify(exit)
      for (const line of lines) stderr.line(line)
      return onExit(code)
    },
  }),
)
