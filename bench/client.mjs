// (2) Client overhead: N session-list calls through core (encode, sign, send, read the envelope,
// decode, map errors) vs raw fetch + JSON.parse of a pre-signed URL, against the same local server
// (bare node:http in a child process answering the mock's bytes, so the server costs next to
// nothing and the client's own work shows). Same concurrency, alternating rounds. A third side,
// for reading the ratio, not for the goal: the same pre-signed GET through core's transport alone
// (`NodeTransport`, the Effect HttpClient `PolyvClient.layerNode` gives the client) + text + JSON.parse,
// with nothing else of core's.
import { Context, Effect, Layer, Scope } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { NodeTransport, PolyvClient } from "../packages/core/dist/index.js"
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

/**
 * Core's client as `PolyvClient.layerNode` makes it (over the Node transport) against `baseUrl`,
 * with the benchmark's credentials and no client-side pacing. Its layer stays open for the process.
 */
export const coreClient = (baseUrl) =>
  open(PolyvClient.layerNode({ ...credentials, baseUrl, rateLimit: false }), PolyvClient)

/** Core's transport alone, its keep-alive agents open for the process. */
export const transport = () => open(NodeTransport.layer, HttpClient.HttpClient)

const open = async (layer, tag) =>
  Context.get(await Effect.runPromise(Layer.buildWithScope(layer, Scope.makeUnsafe())), tag)

/** `n` GETs of `url` (pre-signed) through core's transport alone, its span off, read as JSON. */
export const transportAlone = async (url) => {
  const http = await transport()
  const request = HttpClientRequest.get(url)
  const one = Effect.flatMap(http.execute(request), (response) => response.text).pipe(
    Effect.map((text) => {
      if (JSON.parse(text).code !== 200) throw new Error("unexpected answer")
    }),
    Effect.provideService(HttpClient.TracerDisabledWhen, () => true),
  )
  return (n) => Effect.runPromise(Effect.forEach(Array.from({ length: n }), () => one, { concurrency, discard: true }))
}

export const run = async ({ bare, channelId }) => {
  const client = await coreClient(bare.url)
  const params = sessionListParams(channelId)
  const viaCore = (n) =>
    Effect.runPromise(
      Effect.forEach(Array.from({ length: n }), () => client.sessionList(params), { concurrency, discard: true }),
    )
  const url = bare.url + signedPath(...requestsFor(channelId).sessionList)
  const viaRaw = (n) => rawFetch(url, n)
  const viaTransport = await transportAlone(url)
  const sides = { core: viaCore, raw: viaRaw, transport: viaTransport }

  // Warm-up: JIT every path.
  for (const side of Object.values(sides)) await side(500)
  // Wall time per call is what the goal is about; CPU time of this process (user + system) per
  // call shows how much of it is the client's own work.
  const wallMs = { core: 0, raw: 0, transport: 0 }
  const cpuUs = { core: 0, raw: 0, transport: 0 }
  const per = calls / rounds
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["core", "raw", "transport"] : ["transport", "raw", "core"]
    for (const which of order) {
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      await sides[which](per)
      wallMs[which] += performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      cpuUs[which] += cpu.user + cpu.system
    }
  }
  const perCall = (ms) => (ms * 1000) / calls
  const ours = perCall(wallMs.core)
  const baseline = perCall(wallMs.raw)
  const transportOnly = perCall(wallMs.transport)
  const ratio = ours / baseline
  const cpu = { core: cpuUs.core / calls, raw: cpuUs.raw / calls, transport: cpuUs.transport / calls }
  console.error(
    `  client: core ${ours.toFixed(1)} µs/call, raw ${baseline.toFixed(1)} µs/call,` +
      ` transport alone ${transportOnly.toFixed(1)} µs/call (CPU: core ${cpu.core.toFixed(1)},` +
      ` raw ${cpu.raw.toFixed(1)}, transport ${cpu.transport.toFixed(1)} µs/call)`,
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
    cpuMicrosPerCall: { core: Math.round(cpu.core), raw: Math.round(cpu.raw), transport: Math.round(cpu.transport) },
    // Not the goal: what core's transport costs before core does anything.
    transportAlone: {
      microsPerCall: Math.round(transportOnly),
      ratio: Math.round((transportOnly / baseline) * 100) / 100,
    },
  }]
}
