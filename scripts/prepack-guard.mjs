#!/usr/bin/env node
// Each published package's `prepack`: refuses to pack (and so to publish) a build that is missing
// or older than the sources, naming what to run. It refuses rather than builds: building here
// would hide from the publisher which build went out, and `pnpm release` builds first anyway.
//
// "Older": the newest file among the sources (after `--`; default `src`) is newer than the oldest
// of the build's outputs (before `--`): tsc's `dist/.tsbuildinfo`, which every build that reads a
// changed source rewrites even when the emitted files stay the same, and a bin's bundle. The CLI's
// bundle embeds its version, so its package.json counts as a source: a version bump needs a build.
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"

/** The newest modification time under `path` (a file or a folder), in ms. */
const newest = (path) => {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/** Why `outputs` (paths in `dir`) cannot be packed, or `undefined` when they can. */
export const refusal = (dir, outputs, sources = ["src"]) => {
  const missing = outputs.filter((output) => !existsSync(join(dir, output)))
  if (missing.length > 0) return `${missing.join(", ")} missing: run \`npx -y pnpm@10 build\` first`
  const built = Math.min(...outputs.map((output) => statSync(join(dir, output)).mtimeMs))
  const changed = Math.max(
    ...sources.filter((source) => existsSync(join(dir, source))).map((s) => newest(join(dir, s))),
  )
  return changed > built
    ? `the build (${outputs.join(", ")}) is older than the sources: run \`npx -y pnpm@10 build\` first`
    : undefined
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const split = args.indexOf("--")
  const why = split < 0
    ? refusal(process.cwd(), args)
    : refusal(process.cwd(), args.slice(0, split), args.slice(split + 1))
  if (why !== undefined) {
    console.error(`prepack: not packing ${process.cwd()}: ${why}`)
    process.exit(1)
  }
}
