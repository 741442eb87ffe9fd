// (4) CLI start: `polyv-stats --help` (the bundled bin) vs `node -e ''`, 10 runs each, alternated
// (after one warm-up run of each), medians compared. Absolute times include the machine's
// NODE_EXTRA_CA_CERTS cost; the ratio is what counts.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { here, median } from "./lib.mjs"

const runs = 10
const bin = here("../packages/cli/dist/polyv-stats.mjs")

const time = (args) => {
  const t0 = performance.now()
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
  const ms = performance.now() - t0
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}: ${result.stderr}`)
  return ms
}

export const run = async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build the CLI first (cd packages/cli && pnpm run build)`)
  const cli = [bin, "--help"]
  const bare = ["-e", ""]
  time(cli)
  time(bare)
  const ours = []
  const base = []
  for (let i = 0; i < runs; i++) {
    ours.push(time(cli))
    base.push(time(bare))
  }
  const o = median(ours)
  const b = median(base)
  return [{
    id: "start.cli",
    measurement: "CLI start: polyv-stats --help, median of 10",
    ours: Math.round(o),
    baseline: Math.round(b),
    unit: "ms",
    ratio: o / b,
    goal: "≤ 2× node -e ''",
    pass: o / b <= 2,
    detail: { ours, baseline: base },
  }]
}
