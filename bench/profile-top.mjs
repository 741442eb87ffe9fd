// Prints the top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`):
//   node bench/profile-top.mjs file.cpuprofile [n] [--inclusive]
// --inclusive: time with callees (each function counted once per sample), to see which of our
// functions the time is spent under.
import { readFileSync } from "node:fs"
import { frameName } from "./profiles.mjs"

const profile = JSON.parse(readFileSync(process.argv[2], "utf8"))
const n = Number(process.argv[3] ?? 25)
const inclusive = process.argv.includes("--inclusive")
const self = new Map()
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
const dt = new Map()
for (let i = 0; i < profile.samples.length; i++) {
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
let total = 0
const keyOf = (id) => frameName(byId.get(id).callFrame)
for (const [id, micros] of dt) {
  total += micros
  const keys = new Set()
  for (let at = id; at !== undefined; at = inclusive ? parent.get(at) : undefined) keys.add(keyOf(at))
  for (const key of keys) self.set(key, (self.get(key) ?? 0) + micros)
}
for (const [key, micros] of [...self].toSorted((a, b) => b[1] - a[1]).slice(0, n)) {
  console.log(
    `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  )
}
