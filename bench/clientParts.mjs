// Where a core call's time goes: the client measurement's pieces, built up one at a time, each
// against the same bare server, medians of 12 alternated rounds of 500 calls (16 at a time).
//   node bench/clientParts.mjs
// Rows: raw node:http (keep-alive Agent) + JSON.parse, the client row's baseline; raw fetch; core's
// transport (span off) + text + JSON.parse of a fixed URL (client.mjs's third side); then a request
// built per call with urlParams; + JSON.parse and the contract's decode of the page (the schema's
// decoder; then the client's, `contract/FastDecode.ts`, the schema's with its fast path); core's attempt
// alone (no retry, pacing or span); a full core call.
import { Duration, Effect, Redacted, Result, Schema } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { makeAttempt } from "../packages/core/dist/client/Attempt.js"
import { fastDecoder } from "../packages/core/dist/contract/FastDecode.js"
import { Signer } from "../packages/core/dist/index.js"
import { concurrency, coreClient, rawFetch, rawNodeHttp, transport, transportAlone } from "./client.mjs"
import { Contract, credentials, median, requestsFor, sessionListParams, signedPath } from "./lib.mjs"
import { bareWithMockBytes } from "./throughput.mjs"

const rounds = 12
const perRound = 500

const { bare, channelId, stop } = await bareWithMockBytes()
try {
  const url = new URL(bare.url + signedPath(...requestsFor(channelId).sessionList))
  const query = [...url.searchParams].map(([k, v]) => (k === Signer.signParam ? [k, Redacted.make(v)] : [k, v]))
  const params = sessionListParams(channelId)

  const http = await transport()
  const client = await coreClient(bare.url)
  const attempt = makeAttempt(http, {
    ...credentials,
    baseUrl: bare.url,
    signatureNonce: false,
    timeout: Duration.seconds(30),
  })
  const decodePage = Schema.decodeUnknownSync(Contract.sessionList.data)
  const fastDecodePage = fastDecoder(Contract.sessionList.data)
  const built = () => HttpClientRequest.get(url.origin + url.pathname, { urlParams: query, acceptJson: true })
  const text = (request) =>
    Effect.flatMap(http.execute(request), (r) => r.text).pipe(
      Effect.provideService(HttpClient.TracerDisabledWhen, () => true),
    )
  const effects = (f) => (n) =>
    Effect.runPromise(Effect.forEach(Array.from({ length: n }), f, { concurrency, discard: true }))

  const parts = {
    "raw node:http + parse": rawNodeHttp(url.href),
    "raw fetch + JSON.parse": (n) => rawFetch(url.href, n),
    "transport + text + parse": await transportAlone(url.href),
    "+ request built per call": effects(() => text(built())),
    "+ JSON.parse + decode": effects(() => Effect.map(text(built()), (body) => decodePage(JSON.parse(body).data))),
    "+ JSON.parse + fast decode": effects(() =>
      Effect.map(text(built()), (body) => {
        if (!Result.isSuccess(fastDecodePage(JSON.parse(body).data))) throw new Error("unexpected page")
      })
    ),
    "core attempt alone": effects(() => attempt(Contract.sessionList, params)),
    "core call": effects(() => client.sessionList(params)),
  }
  for (const run of Object.values(parts)) await run(1000) // warm-up
  const wall = {}
  const cpu = {}
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(parts)) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await run(perRound)
      const c = process.cpuUsage(c0)
      ;(wall[name] ??= []).push(((performance.now() - t0) * 1000) / perRound)
      ;(cpu[name] ??= []).push((c.user + c.system) / perRound)
    }
  }
  for (const name of Object.keys(parts)) {
    console.log(
      `${name.padEnd(28)} ${median(wall[name]).toFixed(0).padStart(5)} µs/call  CPU ${
        median(cpu[name]).toFixed(0).padStart(5)
      } µs/call`,
    )
  }
} finally {
  await stop()
}
