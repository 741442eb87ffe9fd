#!/usr/bin/env node
/**
 * The `polyv-stats` executable. Bundled into one file (dist/polyv-stats.mjs) so it starts fast.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit } from "effect"
import { main } from "./Cli.js"
import { ExitCode } from "./errors/ExitCode.js"

// A reader that stops early (`polyv-stats … | head -1`) closes the pipe: that ends the output
// quietly, like any Unix filter, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(ExitCode.ok)
  throw error
})

main(process.argv.slice(2)).pipe(
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) return onExit(typeof exit.value === "number" ? exit.value : ExitCode.ok)
      if (Cause.hasInterruptsOnly(exit.cause)) return onExit(ExitCode.interrupted)
      process.stderr.write(`internal error (please report it):\n${Cause.pretty(exit.cause)}\n`)
      return onExit(ExitCode.internal)
    },
  }),
)
