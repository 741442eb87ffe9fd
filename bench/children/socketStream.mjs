// One streaming run over a socket, in a fresh process: every session of the channel the mock child
// serves (`millionMock.mjs`), either through core's `sessions` stream on `PolyvClient.layerNode`
// ("core", pacing off) or raw `node:http` + JSON.parse on the same windows and pages ("raw").
// Reports the rate and the OS's RSS high-water mark when `checkpoint` sessions had arrived and at
// the end (so "flat" compares two points of one run). With --expose-gc it also reports the memory
// a full GC leaves (heap and external) at `checkpoint` and at `lateCheckpoint` sessions: both inside the stream, while
// its scope (connection, buffers, queue) is still open, so a stream that kept something per session
// shows it. The raw side loads nothing of ours (nor
// effect): core is imported only for the "core" side, before its clock starts, as a user's program
// would have it loaded.
import { maxRss, usageNow } from "../light.mjs"
import { close, rawPages } from "./rawPages.mjs"

const [base, channelId, fromText, toText, mode, checkpointText, pageSizeText, lateCheckpointText] = process.argv.slice(
  2,
)
const from = Number(fromText)
const to = Number(toText)
const checkpoint = Number(checkpointText)
const pageSize = Number(pageSizeText)
const lateCheckpoint = lateCheckpointText === undefined ? Infinity : Number(lateCheckpointText)
// The credentials come from the environment on both sides (the parent's `baselineEnv`): lib.mjs,
// which has them too, would load the mock server into the reader, and count it in core's RSS.
const core = mode === "core"
  ? { effect: await import("effect"), ...(await import("../../packages/core/dist/index.js")) }
  : undefined
const rssAtStart = maxRss()
let n = 0
let rssAtCheckpoint
// Started with --expose-gc (the retention run): what is alive after a full GC is what the stream
// keeps; what the OS's RSS adds is garbage V8 had not yet collected.
const retainedNow = () => {
  if (globalThis.gc === undefined) return undefined
  globalThis.gc()
  // Buffers held per page live outside the heap (`external`): counted too.
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}
let retainedAtCheckpoint
let retainedAtLateCheckpoint
const counted = (k) => {
  const before = n
  n += k
  if (before < checkpoint && n >= checkpoint) {
    rssAtCheckpoint = maxRss()
    retainedAtCheckpoint = retainedNow()
  }
  if (before < lateCheckpoint && n >= lateCheckpoint) retainedAtLateCheckpoint = retainedNow()
}

const t0 = performance.now()
if (core !== undefined) {
  const { Effect, Stream } = core.effect
  const { credentialsEnv, PolyvClient } = core
  await Effect.runPromise(
    Effect.gen(function*() {
      const polyv = yield* PolyvClient
      yield* polyv.sessions(channelId, { from: new Date(from), to: new Date(to), pageSize }).pipe(
        Stream.runForEachArray((page) => Effect.sync(() => counted(page.length))),
      )
    }).pipe(Effect.provide(PolyvClient.layerNode({
      appId: process.env[credentialsEnv.appId],
      appSecret: core.effect.Redacted.make(process.env[credentialsEnv.appSecret]),
      baseUrl: base,
      rateLimit: false,
    }))),
  )
} else {
  for await (const contents of rawPages(base, channelId, from, to, pageSize)) counted(contents.length)
  close()
}
const ms = performance.now() - t0
const { cpuMs } = usageNow()
process.send({
  mode,
  sessions: n,
  ms,
  perSecond: (n * 1000) / ms,
  cpuMs,
  rssAtStart,
  rssAtCheckpoint,
  maxRss: maxRss(),
  retainedAtCheckpoint,
  retainedAtLateCheckpoint,
})
