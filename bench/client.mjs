// (2) Client overhead: N session-list calls through core (encode, sign, send, read the envelope,
// decode, map errors) vs the limit: raw node:http over a keep-alive Agent + JSON.parse of a
// pre-signed URL, against the same local server (bare node:http in a child process answering the
// mock's bytes, so the server costs next to nothing and the client's own work shows). Same
// concurrency, alternating rounds. The goal is on CPU per call of this process (the client's own
// work; wall time on two shared cores also counts the server's and other tenants'). Two more sides,
// for reading the ratio, not for the goal: the same pre-signed GET through core's transport alone
// (`NodeTransport`, the Effect HttpClient `PolyvClient.layerNode` gives the client) + text +
// JSON.parse, with nothing else of core's; raw `fetch` + JSON.parse (the old baseline: on Node
// 20 it costs about twice node:http); and two floors of the stack: the raw calls run as Effects
// (what the fiber runtime alone costs) and Effect's stock Node HttpClient (what a client given it
// would pay before doing anything of its own).
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Context, Effect, Layer, Scope } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { Agent } from "node:http"
import { NodeTransport, PolyvClient } from "../packages/core/dist/index.js"
import { credentials, requestsFor, sessionListParams, signedPath } from "./lib.mjs"
import { getText, successData } from "./light.mjs"

const calls = Number(process.env.BENCH_CLIENT_CALLS ?? 4000)
const rounds = 4
export const concurrency = 16

/** `n` GETs of `url` (pre-signed) with `fetch`, `concurrency` at a time, each read with JSON.parse. */
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
 * The baseline: `n` GETs of `url` (pre-signed) with node:http over one keep-alive Agent (each of
 * the `concurrency` workers reuses its connection), each body read to its end and JSON.parse'd.
 */
export const rawNodeHttp = (url) => {
  const one = rawNodeHttpCall(url)
  return async (n) => {
    let left = n
    const worker = async () => {
      while (left-- > 0) await one()
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
  }
}

/** One GET of `url` as the baseline makes it (a Promise), over an Agent of its own. */
const rawNodeHttpCall = (url) => {
  const agent = new Agent({ keepAlive: true })
  const { hostname, port, pathname, search } = new URL(url)
  const options = { agent, hostname, port, path: pathname + search }
  return () => getText(options).then(successData)
}

/**
 * The least any Effect program pays around the baseline: each raw call as `Effect.promise`, run by
 * `Effect.forEach` at the same concurrency. What the fiber runtime alone costs a call.
 */
const effectAroundRaw = (url) => {
  const one = Effect.promise(rawNodeHttpCall(url))
  return (n) => Effect.runPromise(Effect.forEach(Array.from({ length: n }), () => one, { concurrency, discard: true }))
}

/**
 * Effect's own Node HTTP client (`@effect/platform-node`'s `NodeHttpClient`, over node:http) +
 * text + JSON.parse, span off: what a client given Effect's stock HttpClient would pay. Its agent
 * keeps connections alive, as the baseline's and core's do (`layerNodeHttp`'s default agent does
 * not, and would add a connect per call to this side only).
 */
const effectHttpClient = async (url) => {
  const layer = Layer.provide(
    NodeHttpClient.layerNodeHttpNoAgent,
    NodeHttpClient.layerAgentOptions({ keepAlive: true }),
  )
  const http = await open(layer, HttpClient.HttpClient)
  return getThrough(http, url)
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
export const transportAlone = async (url) => getThrough(await transport(), url)

/** `n` GETs of `url` (pre-signed) through an Effect `HttpClient`, span off, each read as JSON. */
const getThrough = (http, url) => {
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
  const sides = {
    core: viaCore,
    http: rawNodeHttp(url),
    transport: await transportAlone(url),
    fetch: (n) => rawFetch(url, n),
    effect: effectAroundRaw(url),
    effectHttpClient: await effectHttpClient(url),
  }
  const names = Object.keys(sides)

  // Warm-up: JIT every path. Core's is long: after 500 calls it was still being optimised inside
  // the measured calls (its first measured run ~40 % above the next ones; see the ninth pass).
  for (const side of Object.values(sides)) await side(2000)
  // CPU time of this process (user + system) per call is the client's own work, what the goal is
  // about; wall time per call is shown beside it.
  const wallMs = Object.fromEntries(names.map((name) => [name, 0]))
  const cpuUs = Object.fromEntries(names.map((name) => [name, 0]))
  const per = calls / rounds
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? names : names.toReversed()) {
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      await sides[which](per)
      wallMs[which] += performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      cpuUs[which] += cpu.user + cpu.system
    }
  }
  const cpu = Object.fromEntries(names.map((name) => [name, Math.round((cpuUs[name] / calls) * 10) / 10]))
  const wall = Object.fromEntries(names.map((name) => [name, Math.round((wallMs[name] * 10_000) / calls) / 10]))
  const ratio = cpu.core / cpu.http
  const versusHttp = (name) => Math.round((cpu[name] / cpu.http) * 100) / 100
  console.error(`  client: CPU µs/call ${JSON.stringify(cpu)}; wall µs/call ${JSON.stringify(wall)}`)
  return [{
    id: "client.cpuPerCall",
    measurement: `client: ${calls} session-list calls (×${concurrency}), CPU µs/call`,
    ours: Math.round(cpu.core),
    baseline: Math.round(cpu.http),
    unit: "CPU µs/call",
    ratio,
    goal: "≤ 1.3× raw node:http",
    pass: ratio <= 1.3,
    // Not the goal: wall time, and the other two sides (their CPU as a ratio to raw node:http).
    wallMicrosPerCall: wall,
    cpuMicrosPerCall: cpu,
    transportAlone: { cpuRatio: versusHttp("transport") },
    rawFetch: { cpuRatio: versusHttp("fetch") },
    // Floors of the stack: the fiber runtime around raw calls, and Effect's stock Node HttpClient.
    effectAroundRaw: { cpuRatio: versusHttp("effect") },
    effectNodeHttpClient: { cpuRatio: versusHttp("effectHttpClient") },
  }]
}
