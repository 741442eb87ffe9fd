// (2) Client overhead: N session-list calls through core (encode, sign, send, read the envelope,
// decode, map errors) vs raw fetch + JSON.parse of a pre-signed URL, against the same local server
// (bare node:http in a child process answering the mock's bytes, so the server costs next to
// nothing and the client's own work shows). Same concurrency, alternating rounds.
import { Effect } from "effect"
import { FetchHttpClient } from "effect/http"
import { make } from "../packages/core/dist/index.js"
import { credentials, requestsFor, sessionListParams, signedPath } from "./lib.mjs"

const calls = Number(process.env.BENCH_CLIENT_CALLS ?? 4000)
const rounds = 4
export const concurrency = 16

/** The baseline: `n` GETs of `url` (pre-signed), `concurrency` at a time, each read with JSON.parse. */
export const rawFetch = async (url, n) => {
  let left = n
  const worker = async () => {
    while (left-- > 0) {
      const response = await fetch(url)
      const json = JSON.parse(await response.text())
      if (json.code !== 200) throw new Error("unexpected answer")
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/** Core's client against `baseUrl`, with the benchmark's credentials and no client-side pacing. */
export const coreClient = (baseUrl) =>
  Effect.runPromise(make({ ...credentials, baseUrl, rateLimit: false }).pipe(Effect.provide(FetchHttpClient.layer)))

export const run = async ({ bare, channelId }) => {
  const client = await coreClient(bare.url)
  const params = sessionListParams(channelId)
  const viaCore = (n) =>
    Effect.runPromise(
      Effect.forEach(Array.from({ length: n }), () => client.sessionList(params), { concurrency, discard: true }),
    )
  const url = bare.url + signedPath(...requestsFor(channelId).sessionList)
  const viaRaw = (n) => rawFetch(url, n)

  // Warm-up: JIT both paths.
  await viaCore(500)
  await viaRaw(500)
  let coreMs = 0
  let rawMs = 0
  // CPU time of this process (user + system) during each side's rounds: wall time per call is what
  // the goal is about, CPU per call shows how much of it is the client's own work.
  let coreCpu = 0
  let rawCpu = 0
  const per = calls / rounds
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["core", "raw"] : ["raw", "core"]
    for (const which of order) {
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      await (which === "core" ? viaCore(per) : viaRaw(per))
      const ms = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      const cpuUs = cpu.user + cpu.system
      if (which === "core") {
        coreMs += ms
        coreCpu += cpuUs
      } else {
        rawMs += ms
        rawCpu += cpuUs
      }
    }
  }
  const ours = (coreMs * 1000) / calls
  const baseline = (rawMs * 1000) / calls
  const ratio = ours / baseline
  const cpu = { core: coreCpu / calls, raw: rawCpu / calls }
  console.error(
    `  client: core ${ours.toFixed(1)} µs/call, raw ${baseline.toFixed(1)} µs/call` +
      ` (CPU: core ${cpu.core.toFixed(1)}, raw ${cpu.raw.toFixed(1)} µs/call)`,
  )
  return [{
    id: "client.overhead",
    measurement: `client: ${calls} session-list calls (×${concurrency}), µs/call`,
    ours: Math.round(ours),
    baseline: Math.round(baseline),
    unit: "µs/call",
    ratio,
    goal: "≤ 1.3× raw fetch",
    pass: ratio <= 1.3,
    cpuMicrosPerCall: { core: Math.round(cpu.core), raw: Math.round(cpu.raw) },
  }]
}
