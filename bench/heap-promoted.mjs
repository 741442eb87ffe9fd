// Where a streaming run's old-generation garbage comes from: a sampling heap profile that keeps
// the objects major GCs freed (what young-generation GCs promoted and a later full GC collected),
// summed by allocating function.
//   node bench/heap-promoted.mjs [count] [core|raw] [n]
// Defaults: 100 000 sessions through core, top 25. `--live` instead keeps only what is still
// alive at the end (a leak shows there).
import { bytesBySite, sampleHeap } from "./profiles.mjs"

const [count = "100000", mode = "core", n = "25"] = process.argv.slice(2).filter((a) => !a.startsWith("--"))
const live = process.argv.includes("--live")

// The streaming child reads its count and mode from argv, and runs on import.
process.argv.splice(2, process.argv.length, count, mode)
const profile = await sampleHeap(() => import("./children/stream.mjs"), { keep: { minor: false, major: !live } })
const { sites, total } = bytesBySite(profile)
console.log(
  `${live ? "alive at the end" : "freed by major GCs or alive at the end"}: ${(total / 1e6).toFixed(1)} MB sampled`,
)
for (const [site, bytes] of sites.slice(0, Number(n))) {
  console.log(`${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${site}`)
}
