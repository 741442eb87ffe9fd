// (1) Mock throughput and latency under a load like many clients' (or streams'): session-list pages
// 1..32 of 32 channels and the durations of each of those channels, every request a different
// target, signed just before its slice. The mock vs bare node:http answering each target's recorded
// bytes, both in child processes, loaded by autocannon over loopback (64 connections, 10 s each
// after a 2 s warm-up). The 10 s are taken in slices, ours and the baseline in turn, so a change
// in the machine's load reaches both alike. Server CPU per request is read from /proc around each
// slice: autocannon shares the two cores, so req/s alone hides where the time went.
import autocannon from "autocannon"
import { Redacted } from "effect"
import { readFileSync } from "node:fs"
import { Signer } from "../packages/core/dist/index.js"
import { Contract, credentials, median, requestsFor, signedPath, startChild, wireRequest } from "./lib.mjs"

const connections = 64
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const slices = 5
const warmupSeconds = 2

/**
 * The mock's world for the load: 32 channels of 1000 sessions over 50 days, so that the default
 * 60-day window of each channel holds every page the load asks for. 32 channels stay within the
 * mock's history cache of 64 (`World.sessionCacheChannels`): a load over more channels than that
 * would measure regenerating histories, which no real account's traffic pattern forces per request.
 */
export const loadWorld = { channels: 32, sessionsPerChannel: 1000, historyDays: 50 }
const pages = 32

/** A deterministic shuffle (the same order on both sides and in every run). */
const shuffled = (items) => {
  const out = items.slice()
  let seed = 0x2545f491
  for (let i = out.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * The load, by endpoint, as `[path, wire parameters]` lists in the order sent: every page 1..32 of
 * every channel's session list (pageSize 20, the client's default), and every channel's durations.
 */
export const loadPlan = (channelIds) => ({
  sessionList: shuffled(
    channelIds.flatMap((channelId) =>
      Array.from(
        { length: pages },
        (_, i) => wireRequest(Contract.sessionList, { channelId, page: i + 1, pageSize: Contract.defaultPageSize }),
      )
    ),
  ),
  liveDurations: shuffled(
    channelIds.map((channelId) => wireRequest(Contract.liveDurations, { channelIds: [channelId] })),
  ),
})

/** How many targets each connection cycles through (a client reading its own pages in turn). */
const targetsPerConnection = 16

/**
 * autocannon options giving connection k the targets k·16 … k·16+15 (wrapping): together they ask
 * every target, each connection its own run of them. Set per connection (`setupClient`) rather than
 * as one `requests` list, which autocannon would copy and build for every connection, on the same
 * cores and partly inside the measured time.
 */
export const perConnection = (targets) => {
  let next = 0
  const requestAt = (i) => ({ method: "GET", path: targets[i % targets.length] })
  return {
    requests: [requestAt(0)],
    setupClient: (client) => {
      const first = targetsPerConnection * next++
      client.setRequests(Array.from({ length: targetsPerConnection }, (_, j) => requestAt(first + j)))
    },
  }
}

/** A server process's CPU time so far (user + system, µs), from /proc (clock ticks of 10 ms). */
export const cpuMicros = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) * 10_000
}

/**
 * One slice of load on one side: its requests are signed now (the mock accepts a timestamp within
 * `timestampWindowMillis` of its clock; a slice lasts seconds), and the bare server is given the
 * recorded bytes under those exact targets before the clock starts.
 */
export const slice = async (side, requests, duration) => {
  const now = Date.now()
  const targets = requests.map(([path, params]) => signedPath(path, params, now))
  if (side.bare) await side.bare.ask({ targets: targets.map((target, i) => [target, side.answers[i]]) })
  const cpu0 = cpuMicros(side.pid)
  const load0 = process.cpuUsage()
  const result = await autocannon({ url: side.url, connections, duration, ...perConnection(targets) })
  const load = process.cpuUsage(load0)
  return { ...result, serverCpu: cpuMicros(side.pid) - cpu0, loadCpu: load.user + load.system }
}

/** One side's slices as one run: requests over the whole time; p50 the median slice's, p99 the worst. */
const summary = (results) => {
  const total = results.reduce((sum, r) => sum + r.requests.total, 0)
  const perRequest = (key) => Math.round((results.reduce((sum, r) => sum + r[key], 0) / total) * 10) / 10
  return {
    reqPerSec: Math.round(total / results.reduce((sum, r) => sum + r.duration, 0)),
    serverCpuMicrosPerRequest: perRequest("serverCpu"),
    loadGeneratorCpuMicrosPerRequest: perRequest("loadCpu"),
    p50: median(results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    total,
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  }
}

/** The mock's answer (status, content type, body) to each request, signed now. */
const record = async (mockUrl, requests) => {
  const answers = []
  for (const [path, params] of requests) {
    const response = await fetch(mockUrl + signedPath(path, params))
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${mockUrl} answered ${response.status} on ${path}: ${body}`)
    answers.push({ status: response.status, headers: { "content-type": response.headers.get("content-type") }, body })
  }
  return answers
}

/**
 * The mock (with the load's world) and the bare server, which answers the mock's recorded bytes:
 * by path for one channel's session list and durations (what the client rows ask), and, for the
 * throughput load, each target's own (`run` records them). The mock is kept running only with
 * `keepMock` (`run.mjs`); otherwise it is started just to record its bytes (the client scripts).
 * `stop` ends both.
 */
export const bareWithMockBytes = async ({ keepMock = false } = {}) => {
  const mock = await startChild("./children/mockServer.mjs", [JSON.stringify(loadWorld)])
  let bare
  const stop = async () => {
    await mock.stop()
    await bare?.stop()
  }
  try {
    bare = await startChild("./children/bareServer.mjs")
    const { channelIds } = mock.ready
    const channelId = channelIds[1]
    const routes = {}
    for (const [path, params] of Object.values(requestsFor(channelId))) {
      routes[path] = (await record(mock.ready.url, [[path, params]]))[0]
    }
    await bare.ask({ routes })
    if (!keepMock) await mock.stop()
    return {
      mock: keepMock ? { ...mock.ready, pid: mock.child.pid } : undefined,
      bare: { ...bare.ready, pid: bare.child.pid, ask: bare.ask },
      channelId,
      channelIds,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * The plain floor (`children/plainPolyv.mjs`), given the account the mock serves, read through the
 * mock's own API: every channel's sessions (one page of all of them) and live duration.
 */
const startFloor = async (mockUrl, channelIds) => {
  const floor = await startChild("./children/plainPolyv.mjs")
  try {
    const sessions = {}
    const durations = {}
    for (const channelId of channelIds) {
      const all = { channelId, page: 1, pageSize: loadWorld.sessionsPerChannel }
      sessions[channelId] =
        JSON.parse((await record(mockUrl, [wireRequest(Contract.sessionList, all)]))[0].body).data.contents
      const duration = (await record(mockUrl, [wireRequest(Contract.liveDurations, { channelIds: [channelId] })]))[0]
      durations[channelId] = JSON.parse(duration.body).data[0].duration
    }
    await floor.ask({
      appId: credentials.appId,
      secret: Redacted.value(credentials.appSecret),
      windowMillis: Signer.timestampWindowMillis,
      paths: { sessionList: Contract.sessionList.path, liveDurations: Contract.liveDurations.path },
      sessions,
      durations,
    })
    return { ...floor.ready, pid: floor.child.pid, stop: floor.stop }
  } catch (error) {
    await floor.stop()
    throw error
  }
}

/** Refuses a floor that does not answer every target with the mock's bytes: it must do the whole job. */
const checkFloor = async (floorUrl, requests, answers) => {
  const floorAnswers = await record(floorUrl, requests)
  floorAnswers.forEach((answer, i) => {
    if (answer.body !== answers[i].body) {
      throw new Error(
        `the plain floor answered ${requests[i][0]} otherwise than the mock: ${answer.body.slice(0, 200)}`,
      )
    }
  })
}

export const run = async ({ mock, bare, channelIds }) => {
  const rows = []
  let oursFirst = true
  const floor = await startFloor(mock.url, channelIds)
  try {
    for (const [name, requests] of Object.entries(loadPlan(channelIds))) {
      rows.push(...await endpointRows(name, requests, { mock, bare, floor }, oursFirst))
      oursFirst = !oursFirst
    }
  } finally {
    await floor.stop()
  }
  return rows
}

/** Two sides' server CPU µs a request, and their ratio. */
const cpuBeside = (ours, baseline) => ({
  ours: ours.serverCpuMicrosPerRequest,
  baseline: baseline.serverCpuMicrosPerRequest,
  ratio: Math.round((ours.serverCpuMicrosPerRequest / baseline.serverCpuMicrosPerRequest) * 100) / 100,
})

/** The rows of one endpoint: the mock, the plain floor and bare under the same load, slices in turn. */
const endpointRows = async (name, requests, { mock, bare, floor }, oursFirst) => {
  const rows = []
  const answers = await record(mock.url, requests)
  if (new Set(answers.map((a) => a.body)).size !== answers.length) {
    throw new Error(`${name}: the load's answers are not all different (the world is too small for the plan)`)
  }
  await checkFloor(floor.url, requests, answers)
  const sides = {
    ours: { url: mock.url, pid: mock.pid },
    floor: { url: floor.url, pid: floor.pid },
    base: { url: bare.url, pid: bare.pid, bare, answers },
  }
  for (const side of Object.values(sides)) await slice(side, requests, warmupSeconds)
  const o = []
  const f = []
  const b = []
  // ABC CBA …: each side goes first, and last, in turn, so a trend in the load favours none.
  const order = [[sides.ours, o], [sides.floor, f], [sides.base, b]]
  for (let i = 0; i < slices; i++) {
    const turn = oursFirst === (i % 2 === 0) ? order : order.toReversed()
    for (const [side, into] of turn) into.push(await slice(side, requests, seconds / slices))
  }
  const ourSummary = summary(o)
  const floorSummary = summary(f)
  const baseSummary = summary(b)
  // A baseline that answered errors (or timed out) would count them as work and flatter itself:
  // the row would compare us with a broken server. Ours failing is a FAIL of the row instead.
  for (const [side, { errors }] of [["floor", floorSummary], ["bare", baseSummary]]) {
    if (errors > 0) throw new Error(`${name}: the ${side} server answered ${errors} errors, timeouts or non-2xx`)
  }
  const ratio = ourSummary.reqPerSec / baseSummary.reqPerSec
  console.error(
    `  ${name}: mock ${JSON.stringify(ourSummary)} floor ${JSON.stringify(floorSummary)} bare ${
      JSON.stringify(baseSummary)
    }`,
  )
  const what = `${requests.length} targets`
  rows.push({
    id: `throughput.${name}.many`,
    measurement: `mock ${name} req/s (${what}, 64 conn, ${seconds} s)`,
    ours: ourSummary.reqPerSec,
    baseline: baseSummary.reqPerSec,
    unit: "req/s",
    ratio,
    goal: "≥ 0.60× bare",
    pass: ratio >= 0.6 && ourSummary.errors === 0,
    serverCpuMicrosPerRequest: cpuBeside(ourSummary, baseSummary),
    detail: { ours: ourSummary, baseline: baseSummary, floor: floorSummary },
  })
  rows.push({
    id: `throughput.${name}.floor`,
    measurement: `mock ${name} req/s vs the plain floor (${what}; the floor itself: ${
      (floorSummary.reqPerSec / baseSummary.reqPerSec).toFixed(2)
    }× bare)`,
    ours: ourSummary.reqPerSec,
    baseline: floorSummary.reqPerSec,
    unit: "req/s",
    ratio: ourSummary.reqPerSec / floorSummary.reqPerSec,
    goal: "reported",
    serverCpuMicrosPerRequest: cpuBeside(ourSummary, floorSummary),
  })
  rows.push({
    id: `latency.${name}.many`,
    measurement: `mock ${name} p50 / p99 latency (${what})`,
    ours: `${ourSummary.p50} / ${ourSummary.p99}`,
    baseline: `${baseSummary.p50} / ${baseSummary.p99}`,
    unit: "ms",
    ratio: ourSummary.p99 / Math.max(baseSummary.p99, 1),
    goal: "p99 < 20 ms",
    // Fast error answers would pass by construction.
    pass: ourSummary.p99 < 20 && ourSummary.errors === 0,
  })
  return rows
}
