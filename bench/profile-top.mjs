// Prints the top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`):
//   node bench/profile-top.mjs file.cpuprofile [n]
import { readFileSync } from "node:fs"

const profile = JSON.parse(readFileSync(process.argv[2], "utf8"))
const n = Number(process.argv[3] ?? 25)
const self = new Map()
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const dt = new Map()
for (let i = 0; i < profile.samples.length; i++) {
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
let total = 0
for (const [id, micros] of dt) {
  const { callFrame } = byId.get(id)
  const file = callFrame.url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(
    /^file:\/\/\/work\/main\//,
    "",
  )
  const key = `${callFrame.functionName || "(anonymous)"}  ${file}:${callFrame.lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + micros)
  total += micros
}
for (const [key, micros] of [...self].toSorted((a, b) => b[1] - a[1]).slice(0, n)) {
  console.log(
    `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  )
}
