// Measures how a big world starts and answers (run after `build`):
//   node scripts/bench-world.mjs [channels] [sessionsPerChannel]
// Generation is lazy, so start-up should not grow with the world; the first scan of every
// channel (yunduo, mic) builds each channel's compact figures once, later scans reuse them.
import { Contract, Signer } from "@polyv-stats/core"
import { Redacted } from "effect"
import { demoCredentials, PolyvMock } from "../dist/index.js"

const channels = Number(process.argv[2] ?? 1000)
const sessionsPerChannel = Number(process.argv[3] ?? 1000)
const now = Date.parse("2026-11-23T04:00:00Z")
const time = async (label, f) => {
  const t0 = performance.now()
  const result = await f()
  console.log(`${label.padEnd(44)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`)
  return result
}
const secret = Redacted.make(demoCredentials.appSecret)
const call = (mock, path, params) => {
  const all = { appId: demoCredentials.appId, timestamp: String(now), ...params }
  all.sign = Signer.sign(all, secret)
  return mock.fetch(`http://mock${path}?${new URLSearchParams(all)}`).then((r) => r.text())
}

console.log(`world: ${channels} channels × ${sessionsPerChannel} sessions`)
const mock = await time(
  "start (new PolyvMock)",
  () => new PolyvMock({ seed: "bench", now, clock: () => now, size: { channels, sessionsPerChannel } }),
)
const channelId = mock.world.channels[1].channelId
await time("session list, one channel (first read)", () => call(mock, Contract.sessionList.path, { channelId }))
await time("session list, same channel again", () => call(mock, Contract.sessionList.path, { channelId }))
const yunduo = { users: mock.world.users.join(","), start: "2026-01-01", end: "2026-11-20" }
await time("yunduo over every channel (first scan)", () => call(mock, Contract.yunduoSummary.path, yunduo))
await time("yunduo over every channel (again)", () => call(mock, Contract.yunduoSummary.path, yunduo))
await time("mic history over every channel", () => call(mock, Contract.micHistory.path, {}))
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`)
