#!/usr/bin/env node
// The consumer test: packs core and mock-server as they would be published, installs the
// tarballs into a throwaway copy of test-projects/consumer (outside the workspace), typechecks
// the consumer's code against the published .d.ts and runs it against the mock.
import { execFileSync } from "node:child_process"
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const work = mkdtempSync(join(tmpdir(), "polyv-consumer-"))
const run = (command, args, cwd, stdout = "inherit") =>
  execFileSync(command, args, { cwd, stdio: ["ignore", stdout, "inherit"] })

try {
  for (const pkg of ["core", "mock-server"]) {
    // pnpm (on PATH under `pnpm test`) rewrites `workspace:^` to the real version, as publishing does.
    run("pnpm", ["pack", "--pack-destination", work], join(root, "packages", pkg), "ignore")
  }
  const tarballs = readdirSync(work).filter((f) => f.endsWith(".tgz")).map((f) => join(work, f))
  const project = join(work, "project")
  cpSync(join(root, "test-projects", "consumer"), project, { recursive: true })
  const { version } = JSON.parse(
    execFileSync(process.execPath, ["-p", "JSON.stringify(require('effect/package.json'))"], {
      cwd: join(root, "packages", "core"),
    }).toString(),
  )
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs, `effect@${version}`], project)
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], project)
  run(process.execPath, ["dist/consumer.js"], project)
  console.log("consumer test passed: 1 passed, 0 failed")
} finally {
  rmSync(work, { recursive: true, force: true })
}
