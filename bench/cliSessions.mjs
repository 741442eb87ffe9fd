// (5) The CLI at its limit: `polyv-stats sessions --all --format ndjson` (the bundle, --all's own
// page size) over every session of a 1 000 000-session channel served by the mock in a child
// process, against a plain Node script writing the same lines from the same server
// (`children/cliLimit.mjs`). Each side's CPU (user + system) and peak RSS come from the process
// itself at exit (`children/usageOnExit.mjs`, preloaded into both); stdout is hashed here, and the
// two hashes must be equal.
import { Redacted } from "effect"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ChinaTime } from "../packages/core/dist/index.js"
import { baselineEnv, bestOf, checkPlainRequest, Contract, credentials, here, mb, startChild } from "./lib.mjs"

// The entry users run (it imports the bundle), as the start rows time it.
const bin = here("../packages/cli/bin/polyv-stats.mjs")
const bundle = here("../packages/cli/dist/polyv-stats.mjs")
const preload = new URL("./children/usageOnExit.mjs", import.meta.url).href

/** Runs `node args`, hashing its stdout; resolves with the hash, bytes, lines, wall time and usage. */
const measure = (args, env, folder, name) =>
  new Promise((resolve, reject) => {
    const usageFile = join(folder, `${name}.json`)
    const t0 = performance.now()
    const child = spawn(process.execPath, ["--import", preload, ...args], {
      env: { ...process.env, ...env, BENCH_USAGE_OUT: usageFile },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const hash = createHash("sha256")
    let bytes = 0
    let lines = 0
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      hash.update(chunk)
      bytes += chunk.length
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
    })
    child.stderr.setEncoding("utf8").on("data", (text) => (stderr += text))
    child.on("error", reject)
    child.on("close", (code) => {
      const ms = performance.now() - t0
      if (code !== 0) return reject(new Error(`${name} exited with ${code}: ${stderr.slice(0, 500)}`))
      resolve({ sha256: hash.digest("hex"), bytes, lines, ms, ...JSON.parse(readFileSync(usageFile, "utf8")) })
    })
  })

export const run = async () => {
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: build the CLI first (cd packages/cli && pnpm run build)`)
  }
  const mock = await startChild("./children/millionMock.mjs")
  const folder = mkdtempSync(join(tmpdir(), "polyv-bench-cli-"))
  try {
    const { url, channelId, oldest, sessions } = mock.ready
    // The CLI's own reading of --from/--to (China dates; --to inclusive), which the limit sends too.
    const fromDay = ChinaTime.formatDate(oldest)
    const toDay = ChinaTime.formatDate(Date.now())
    const from = ChinaTime.parseDate(fromDay)
    const to = ChinaTime.parseDate(toDay) + ChinaTime.dayMillis - 1000
    const cli = [
      bin,
      "sessions",
      "--channel",
      channelId,
      "--from",
      fromDay,
      "--to",
      toDay,
      "--all",
      "--format",
      "ndjson",
      "--rate-limit",
      "999999999/10s", // the mock's limit is lifted too: the CLI's work, not Polyv's quota
    ]
    const env = {
      POLYV_BASE_URL: url,
      POLYV_APP_ID: credentials.appId,
      POLYV_APP_SECRET: Redacted.value(credentials.appSecret),
    }
    const limitArgs = [
      here("./children/cliLimit.mjs"),
      url,
      channelId,
      String(from),
      String(to),
      String(Contract.bulkPageSize),
    ]
    // The limit signs with plainRequest.mjs and loads nothing of ours: checked equal to core first.
    await checkPlainRequest()
    // The better of two runs each, alternated: limit then ours, then ours then limit.
    const runs = { limit: [], cli: [] }
    const sides = {
      limit: () => measure(limitArgs, { ...baselineEnv, POLYV_BASE_URL: url }, folder, `limit${runs.limit.length}`),
      cli: () => measure(cli, env, folder, `cli${runs.cli.length}`),
    }
    for (let round = 0; round < 2; round++) {
      for (const side of round === 0 ? ["limit", "cli"] : ["cli", "limit"]) runs[side].push(await sides[side]())
      console.error(`  cli round ${round + 1}: ${JSON.stringify({ limit: runs.limit[round], cli: runs.cli[round] })}`)
    }
    const all = [...runs.limit, ...runs.cli]
    const sameBytes = all.every((r) => r.sha256 === all[0].sha256 && r.lines === sessions)
    const best = (list) => bestOf(list, (a, b) => a.cpuMs < b.cpuMs)
    const ours = best(runs.cli)
    const limit = best(runs.limit)
    const rate = (r) => Math.round((r.lines * 1000) / r.ms)
    const cpuRatio = ours.cpuMs / limit.cpuMs
    return [
      {
        id: "cli.sessions.cpu",
        measurement: `CLI sessions --all --format ndjson, ${sessions.toLocaleString("en")} sessions: CPU ms`,
        ours: Math.round(ours.cpuMs),
        baseline: Math.round(limit.cpuMs),
        unit: "ms CPU",
        ratio: cpuRatio,
        goal: "≤ 1.3× the limit's CPU, same bytes",
        pass: cpuRatio <= 1.3 && sameBytes,
        detail: { sameBytes, sha256: all[0].sha256, runs },
      },
      {
        id: "cli.sessions.rate",
        measurement: "CLI sessions --all --format ndjson: sessions/s (peak RSS in detail)",
        ours: rate(ours),
        baseline: rate(limit),
        unit: "sessions/s",
        ratio: rate(ours) / rate(limit),
        goal: "— (reported)",
        detail: { peakRssMb: { ours: mb(ours.maxRss), limit: mb(limit.maxRss) } },
      },
    ]
  } finally {
    rmSync(folder, { recursive: true, force: true })
    await mock.stop()
  }
}
