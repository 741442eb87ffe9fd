// Two builds of the mock under the throughput row's load, slices alternated (A B, B A, …), so that a
// change in the machine's load reaches both alike; prints server CPU µs per request (from /proc) and
// req/s of each, per endpoint. No bare server: it compares builds, not against the limit.
//   node bench/mock-ab.mjs <dir A> <dir B> [slices] [seconds a slice]
// A directory is a checkout's root with built `packages/{core,mock-server}/dist` (this checkout:
// `.`); see README.md, "Profiling", for copying a build aside before changing the code.
import { resolve } from "node:path"
import { startChild } from "./lib.mjs"
import { loadPlan, loadWorld, slice } from "./throughput.mjs"

const [a, b, slicesArg, secondsArg] = process.argv.slice(2)
if (a === undefined || b === undefined) {
  throw new Error("usage: node bench/mock-ab.mjs <dir A> <dir B> [slices] [seconds]")
}
const slices = Number(slicesArg ?? 4)
const seconds = Number(secondsArg ?? 1.5)
const sides = await Promise.all(
  [a, b].map(async (dir) => {
    const child = await startChild("./children/mockServer.mjs", [JSON.stringify(loadWorld), resolve(dir)])
    return { dir, ...child.ready, pid: child.child.pid, stop: child.stop, cpu: 0, requests: 0, time: 0 }
  }),
)
try {
  for (const [name, requests] of Object.entries(loadPlan(sides[0].channelIds))) {
    for (const side of sides) Object.assign(side, { cpu: 0, requests: 0, time: 0 })
    // Slice -1 warms both up and is not counted.
    for (let s = -1; s < slices; s++) {
      for (const side of s % 2 === 0 ? sides : sides.toReversed()) {
        const r = await slice(side, requests, s < 0 ? 1 : seconds)
        if (r.non2xx + r.errors > 0) throw new Error(`${side.dir}: ${r.non2xx} non-2xx, ${r.errors} errors`)
        if (s >= 0) {
          Object.assign(side, {
            cpu: side.cpu + r.serverCpu,
            requests: side.requests + r.requests.total,
            time: side.time + r.duration,
          })
        }
      }
    }
    console.log(
      `${name}: ${
        sides.map((side) =>
          `${side.dir} ${(side.cpu / side.requests).toFixed(1)} µs/req, ${Math.round(side.requests / side.time)} req/s`
        ).join("  |  ")
      }`,
    )
  }
} finally {
  await Promise.all(sides.map((side) => side.stop()))
}
