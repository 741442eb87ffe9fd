// Where a streaming run's old-generation garbage comes from: a sampling heap profile that keeps
// the objects major GCs freed (what young-generation GCs promoted and a later full GC collected),
// summed by allocating function.
//   node bench/heap-promoted.mjs [count] [core|raw] [n]
// Defaults: 100 000 sessions through core, top 25. `--live` instead keeps only what is still
// alive at the end (a leak shows there).
import { Session } from "node:inspector/promises"

const [count = "100000", mode = "core", n = "25"] = process.argv.slice(2).filter((a) => !a.startsWith("--"))
const live = process.argv.includes("--live")

const session = new Session()
session.connect()
await session.post("HeapProfiler.enable")
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: !live,
  includeObjectsCollectedByMinorGC: false,
})
// The streaming child reads its count and mode from argv, and runs on import.
process.argv.splice(2, process.argv.length, count, mode)
await import("./children/stream.mjs")
const { profile } = await session.post("HeapProfiler.stopSampling")

const repoRoot = new URL("../", import.meta.url).href
const bySite = new Map()
const walk = (node) => {
  const { functionName, url, lineNumber } = node.callFrame
  const where = url.replace(repoRoot, "").replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
  const site = `${functionName || "(anonymous)"}  ${where}:${lineNumber + 1}`
  if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize)
  for (const child of node.children ?? []) walk(child)
}
walk(profile.head)
const total = [...bySite.values()].reduce((a, b) => a + b, 0)
console.log(
  `${live ? "alive at the end" : "freed by major GCs or alive at the end"}: ${(total / 1e6).toFixed(1)} MB sampled`,
)
for (const [site, bytes] of [...bySite].toSorted((a, b) => b[1] - a[1]).slice(0, Number(n))) {
  console.log(`${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${site}`)
}
