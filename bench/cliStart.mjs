// (4) CLI start: `polyv-stats --help` (the bundled bin) vs `node -e ''`, 10 runs each, alternated
// (after one warm-up run of each), medians compared. Absolute times include the machine's
// NODE_EXTRA_CA_CERTS cost; the ratio is what counts. Beside them, in the same rounds, the floor of
// the stack: `fixtures/minimalCli.ts` (two commands on effect/cli and platform-node) bundled with
// the CLI's own rolldown settings, so the row shows how much of the start is ours.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { here, median } from "./lib.mjs"

const runs = 10
// The entry users run (bin/, which imports the bundle), as the mock start row times polyv-mock's.
const bin = here("../packages/cli/bin/polyv-stats.mjs")
const bundle = here("../packages/cli/dist/polyv-stats.mjs")

/**
 * `fixtures/minimalCli.ts` bundled as the CLI is (its rolldown config, another input) into `dir`,
 * and started as the CLI is: through a copy of the CLI's bin with its import pointed at the floor's
 * bundle (so on Node ≥ 22.1 both sides get the compile cache, or neither).
 */
const bundleFloor = async (dir) => {
  const cliPackage = here("../packages/cli/package.json")
  const { rolldown } = await import(pathToFileURL(createRequire(cliPackage).resolve("rolldown")).href)
  const { default: config } = await import(pathToFileURL(here("../packages/cli/rolldown.config.mjs")).href)
  const name = "minimal-cli.mjs"
  const file = join(dir, name)
  const tsconfig = here("../packages/cli/tsconfig.src.json")
  const build = await rolldown({ ...config, input: here("fixtures/minimalCli.ts"), tsconfig, plugins: [] })
  await build.write({ ...config.output, file })
  const binText = readFileSync(bin, "utf8")
  const target = `"../dist/polyv-stats.mjs"`
  if (!binText.includes(target)) throw new Error(`${bin} no longer imports ${target}: update bundleFloor`)
  const entry = join(dir, "minimal-cli-bin.mjs")
  writeFileSync(entry, binText.replace(target, JSON.stringify(`./${name}`)))
  return entry
}

const time = (args) => {
  const t0 = performance.now()
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
  const ms = performance.now() - t0
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}: ${result.stderr}`)
  return ms
}

export const run = async () => {
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: build the CLI first (cd packages/cli && pnpm run build)`)
  }
  const dir = mkdtempSync(join(tmpdir(), "polyv-bench-floor-"))
  try {
    const cli = [bin, "--help"]
    const bare = ["-e", ""]
    const minimal = [await bundleFloor(dir), "--help"]
    time(cli)
    time(bare)
    time(minimal)
    const ours = []
    const base = []
    const floor = []
    for (let i = 0; i < runs; i++) {
      ours.push(time(cli))
      base.push(time(bare))
      floor.push(time(minimal))
    }
    return rows(ours, base, floor)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const rows = (ours, base, floor) => {
  const o = median(ours)
  const b = median(base)
  const f = median(floor)
  return [{
    id: "start.cli",
    measurement: "CLI start: polyv-stats --help, median of 10",
    ours: Math.round(o),
    baseline: Math.round(b),
    unit: "ms",
    ratio: o / b,
    goal: "≤ 2× node -e ''",
    pass: o / b <= 2,
    detail: { node: process.version, ours, baseline: base },
  }, {
    id: "start.cli.floor",
    measurement: `CLI start vs the floor: a two-command effect/cli bundle (itself ${(f / b).toFixed(2)}× node -e '')`,
    ours: Math.round(o),
    baseline: Math.round(f),
    unit: "ms",
    ratio: o / f,
    goal: "reported",
    detail: { node: process.version, floor },
  }]
}
