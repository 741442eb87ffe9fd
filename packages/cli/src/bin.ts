#!/usr/bin/env node
/**
 * The `polyv-stats` executable. Bundled into one file (dist/polyv-stats.mjs) so it starts fast.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit } from "effect"
import { main } from "./Cli.js"
import { classify, ExitCode } from "./errors/ExitCode.js"

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
      // `main` handles every failure, so what reaches here is an interrupt (exit 130) or a defect (70).
      const { code, lines } = classify(exit)
      if (lines.length > 0) process.stderr.write(lines.map((line) => `${line}\n`).join(""))
      return onExit(code)
    },
  }),
)
