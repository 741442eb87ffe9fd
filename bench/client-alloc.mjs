// Where a client call allocates: 4000 session-list calls (16 at a time) against the bare server
// under V8's sampling heap profiler, every allocation kept (freed or not), summed by allocating
// function and divided by the number of calls.
//   node bench/client-alloc.mjs [core|raw] [n] [--callers <function>]
// `--callers f` also lists the call paths under which `f` allocated (e.g. `--callers Map`).
import { Effect } from "effect"
import { concurrency, coreClient, rawFetch } from "./client.mjs"
import { requestsFor, sessionListParams, signedPath } from "./lib.mjs"
import { bytesBySite, frameName, sampleHeap } from "./profiles.mjs"
import { bareWithMockBytes } from "./throughput.mjs"

const args = process.argv.slice(2)
const callersAt = args.indexOf("--callers")
const callersOf = callersAt === -1 ? undefined : args.splice(callersAt, 2)[1]
const [mode = "core", top = "25"] = args
const calls = 4000

const { bare, channelId, stop } = await bareWithMockBytes()
try {
  const client = await coreClient(bare.url)
  const params = sessionListParams(channelId)
  const url = bare.url + signedPath(...requestsFor(channelId).sessionList)
  const run = (n) =>
    mode === "raw"
      ? rawFetch(url, n)
      : Effect.runPromise(
        Effect.forEach(Array.from({ length: n }), () => client.sessionList(params), { concurrency, discard: true }),
      )
  await run(1000) // warm-up, outside the profile
  const profile = await sampleHeap(() => run(calls), { interval: 1024, keep: { minor: true, major: true } })
  const { sites, total } = bytesBySite(profile)
  const perCall = (bytes) => String(Math.round(bytes / calls)).padStart(7)
  console.log(`${mode}: ${Math.round(total / calls)} bytes allocated per call`)
  for (const [site, bytes] of sites.slice(0, Number(top))) console.log(`${perCall(bytes)}  ${site}`)
  if (callersOf !== undefined) {
    // The last frames above each allocation by `callersOf`, summed.
    const byPath = new Map()
    const walk = (node, path) => {
      const site = frameName(node.callFrame)
      if (node.selfSize > 0 && node.callFrame.functionName === callersOf) {
        const key = path.slice(-4).join("  <  ")
        byPath.set(key, (byPath.get(key) ?? 0) + node.selfSize)
      }
      for (const child of node.children ?? []) walk(child, [...path, site])
    }
    walk(profile.head, [])
    console.log(`\nunder ${callersOf}:`)
    for (const [path, bytes] of [...byPath].toSorted((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`${perCall(bytes)}  ${path}`)
    }
  }
} finally {
  await stop()
}
