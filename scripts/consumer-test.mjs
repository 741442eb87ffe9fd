#!/usr/bin/env node
// The consumer test: packs core, mock-server and the CLI as they would be published, installs the
// tarballs with plain npm and `--engine-strict` into a throwaway copy of test-projects/consumer
// (outside the workspace) — so a runtime dependency whose `engines` excludes the Node we declare
// fails here — typechecks the consumer's code against the published .d.ts, runs it against the
// mock, and runs the installed bins: `polyv-mock --help` and the CLI's demo (the README's main job).
// Each tarball is also linted as npm would publish it: publint (--strict: warnings fail too) and
// Are the Types Wrong (profile esm-only: these packages are ESM, so CommonJS resolutions are not
// asked for), both run beside the npm install.
import { execFile, execFileSync } from "node:child_process"
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"

const root = resolve(import.meta.dirname, "..")
const work = mkdtempSync(join(tmpdir(), "polyv-consumer-"))
const bins = join(root, "node_modules", ".bin")
/** A linter's output when it fails, `undefined` when it passes. */
const lint = (name, args) =>
  promisify(execFile)(join(bins, name), args, { cwd: work }).then(
    () => undefined,
    (error) => `${name} ${args.join(" ")}:\n${error.stdout}${error.stderr}`,
  )
const run = (command, args, cwd, stdout = "inherit") =>
  execFileSync(command, args, { cwd, stdio: ["ignore", stdout, "inherit"] })

try {
  for (const pkg of ["core", "mock-server", "cli"]) {
    // pnpm (on PATH under `pnpm test`) rewrites `workspace:^` to the real version, as publishing does.
    run("pnpm", ["pack", "--pack-destination", work], join(root, "packages", pkg), "ignore")
  }
  const tarballs = readdirSync(work).filter((f) => f.endsWith(".tgz")).map((f) => join(work, f))
  const lints = Promise.all(tarballs.flatMap((tarball) => [
    lint("publint", ["run", tarball, "--strict"]),
    lint("attw", [tarball, "--profile", "esm-only", "--format", "ascii"]),
  ]))
  const project = join(work, "project")
  cpSync(join(root, "test-projects", "consumer"), project, { recursive: true })
  const { version } = JSON.parse(
    execFileSync(process.execPath, ["-p", "JSON.stringify(require('effect/package.json'))"], {
      cwd: join(root, "packages", "core"),
    }).toString(),
  )
  run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    "--engine-strict",
    ...tarballs,
    `effect@${version}`,
  ], project)
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], project)
  run(process.execPath, ["dist/consumer.js"], project)
  // The bins as npm linked them, each a bundle with no dependency to find.
  const bin = (name) => join(project, "node_modules", ".bin", name)
  run(bin("polyv-mock"), ["--help"], project, "ignore")
  run(bin("polyv-stats"), ["demo"], project, "ignore")
  const failed = (await lints).filter((result) => result !== undefined)
  if (failed.length > 0) {
    for (const output of failed) console.error(output)
    throw new Error(`${failed.length} package lint(s) failed`)
  }
  console.log(`consumer test passed: 1 passed, 0 failed (publint and attw clean on ${tarballs.length} tarballs)`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
