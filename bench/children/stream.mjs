// One streaming run in a fresh process: `count` sessions of one channel paged out of the in-process
// mock (pageSize 20, core's 60-day windows), either through core's `sessions` stream ("core") or
// with raw signed fetches + JSON.parse and the same windows ("raw", the baseline). Reports the
// rate and the peak RSS: sampled every 10 ms, and the OS's own high-water mark.
import { Effect, Layer, Stream } from "effect"
import { PolyvClient, SessionWindows } from "../../packages/core/dist/index.js"
import { MockLayer, PolyvMock } from "../../packages/mock-server/dist/index.js"
import { Contract, credentials, signedPath, wireRequest } from "../lib.mjs"

const count = Number(process.argv[2])
const mode = process.argv[3]
const pageSize = Contract.defaultPageSize
// One world whatever the count: a channel of `worldSessions`, 100 a day, of which the stream reads
// the newest `count`. Runs then differ only in what was streamed, not in the mock's own data (its
// compact history of 100 000 sessions is ~4 MB, which would otherwise count as the stream's growth).
const worldSessions = 100_000
if (!(Number.isInteger(count) && count >= 1 && count <= worldSessions)) {
  throw new RangeError(
    `the count must be a whole number from 1 to ${worldSessions} (the world's channel), got ${process.argv[2]}`,
  )
}
const now = Date.now()
const options = {
  seed: "bench-stream",
  now,
  size: { channels: 2, sessionsPerChannel: worldSessions, historyDays: worldSessions / 100 },
  rateLimit: { limit: 1e9 }, // the stream, not Polyv's quota
}
/** From the start of the `count`-th newest session to now: exactly `count` sessions. */
const rangeOf = (mock, channel) => {
  const history = mock.world.history(channel) // generated here, before the clock starts
  return { from: new Date(history.startTime[count - 1]), to: new Date(now) }
}
const rssAtStart = process.memoryUsage.rss()

let peak = 0
const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()))
const sampler = setInterval(sample, 10)

const viaCore = async () => {
  const mockLayer = MockLayer.inProcess(options)
  const layer = Layer.provideMerge(PolyvClient.layer({ ...credentials, rateLimit: false }), mockLayer)
  return Effect.runPromise(
    Effect.gen(function*() {
      const mock = yield* MockLayer.Mock
      const channel = mock.world.channels[1]
      const { from, to } = rangeOf(mock, channel)
      const polyv = yield* PolyvClient
      const t0 = performance.now()
      const n = yield* polyv.sessions(channel.channelId, { from, to, pageSize }).pipe(
        Stream.runFold(() => 0, (sum) => sum + 1),
      )
      return { n, ms: performance.now() - t0 }
    }).pipe(Effect.provide(layer)),
  )
}

const viaRaw = async () => {
  const mock = new PolyvMock(options)
  const channel = mock.world.channels[1]
  const { from, to } = rangeOf(mock, channel)
  const t0 = performance.now()
  let n = 0
  for (const window of SessionWindows.splitWindows(from.getTime(), to.getTime())) {
    for (let page = 1;; page++) {
      const path = signedPath(...wireRequest(Contract.sessionList, {
        channelId: channel.channelId,
        startDate: new Date(window.from),
        endDate: new Date(window.to),
        page,
        pageSize,
      }))
      const response = await mock.fetch(`http://mock${path}`)
      const json = JSON.parse(await response.text())
      if (json.code !== 200) throw new Error(json.message)
      n += json.data.contents.length
      if (json.data.lastPage || json.data.contents.length === 0) break
    }
  }
  return { n, ms: performance.now() - t0 }
}

const { n, ms } = await (mode === "core" ? viaCore() : viaRaw())
sample()
clearInterval(sampler)
if (n !== count) throw new Error(`streamed ${n} sessions, expected ${count}`)
const result = {
  count,
  mode,
  sessions: n,
  ms,
  perSecond: (n * 1000) / ms,
  rssAtStart,
  rssPeak: peak,
  maxRss: process.resourceUsage().maxRSS * 1024,
}
if (process.send) process.send(result)
else console.log(result)
