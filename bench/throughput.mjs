// (1) Mock throughput and latency: the session list (pageSize 20) and the durations endpoint, the
// mock vs bare node:http answering the same bytes, both in child processes, loaded by autocannon
// over loopback (64 connections, 10 s each after a 2 s warm-up). The 10 s are taken in slices,
// ours and the baseline in turn, so a change in the machine's load reaches both alike.
import autocannon from "autocannon"
import { requestsFor, signedPath, startChild } from "./lib.mjs"

const connections = 64
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const slices = 5
const warmupSeconds = 2

const load = (url, path, duration) => autocannon({ url, connections, duration, requests: [{ method: "GET", path }] })

/** One side's slices as one run: requests over the whole time; p50 the median slice's, p99 the worst. */
const summary = (results) => {
  const total = results.reduce((sum, r) => sum + r.requests.total, 0)
  const p50s = results.map((r) => r.latency.p50).toSorted((a, b) => a - b)
  return {
    reqPerSec: Math.round(total / results.reduce((sum, r) => sum + r.duration, 0)),
    p50: p50s[Math.floor(p50s.length / 2)],
    p99: Math.max(...results.map((r) => r.latency.p99)),
    total,
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  }
}

/** The bytes the mock answers for each endpoint, so the bare server can answer the same. */
export const recordRoutes = async (mockUrl, channelId) => {
  const endpoints = requestsFor(channelId)
  const routes = {}
  for (const [path, params] of Object.values(endpoints)) {
    const response = await fetch(mockUrl + signedPath(path, params))
    const body = await response.text()
    if (response.status !== 200) throw new Error(`the mock answered ${response.status} on ${path}: ${body}`)
    routes[path] = { status: response.status, headers: { "content-type": response.headers.get("content-type") }, body }
  }
  return { endpoints, routes }
}

/**
 * The bare server answering the mock's recorded bytes: what `run` loads beside the mock and the
 * client measurement runs against. The mock is kept running only with `keepMock` (`run.mjs`);
 * otherwise it is started just to record its bytes (the client scripts). `stop` ends both.
 */
export const bareWithMockBytes = async ({ keepMock = false } = {}) => {
  const mock = await startChild("./children/mockServer.mjs")
  let bare
  const stop = async () => {
    await mock.stop()
    await bare?.stop()
  }
  try {
    bare = await startChild("./children/bareServer.mjs")
    const { channelId } = mock.ready
    const { endpoints, routes } = await recordRoutes(mock.ready.url, channelId)
    await bare.ask({ routes })
    if (!keepMock) await mock.stop()
    return { mock: keepMock ? mock.ready : undefined, bare: bare.ready, channelId, endpoints, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

export const run = async ({ mock, bare, endpoints }) => {
  const rows = []
  let oursFirst = true
  for (const [name, [path, params]] of Object.entries(endpoints)) {
    const ours = (duration = seconds) => load(mock.url, signedPath(path, params), duration)
    const base = (duration = seconds) => load(bare.url, signedPath(path, params), duration)
    await ours(warmupSeconds)
    await base(warmupSeconds)
    const o = []
    const b = []
    // ABBA…: each side goes first in every other pair, so a trend in the load favours neither.
    for (let slice = 0; slice < slices; slice++) {
      const pair = oursFirst === (slice % 2 === 0) ? [[ours, o], [base, b]] : [[base, b], [ours, o]]
      for (const [side, into] of pair) into.push(await side(seconds / slices))
    }
    oursFirst = !oursFirst
    const ourSummary = summary(o)
    const baseSummary = summary(b)
    const ratio = ourSummary.reqPerSec / baseSummary.reqPerSec
    console.error(`  ${name}: mock ${JSON.stringify(ourSummary)} bare ${JSON.stringify(baseSummary)}`)
    rows.push({
      id: `throughput.${name}`,
      measurement: `mock ${name} req/s (64 conn, ${seconds} s)`,
      ours: ourSummary.reqPerSec,
      baseline: baseSummary.reqPerSec,
      unit: "req/s",
      ratio,
      goal: "≥ 0.60× bare",
      pass: ratio >= 0.6 && ourSummary.errors === 0,
      detail: { ours: ourSummary, baseline: baseSummary },
    })
    rows.push({
      id: `latency.${name}`,
      measurement: `mock ${name} p50 / p99 latency`,
      ours: `${ourSummary.p50} / ${ourSummary.p99}`,
      baseline: `${baseSummary.p50} / ${baseSummary.p99}`,
      unit: "ms",
      ratio: ourSummary.p99 / Math.max(baseSummary.p99, 1),
      goal: "p99 < 20 ms",
      pass: ourSummary.p99 < 20,
    })
  }
  return rows
}
