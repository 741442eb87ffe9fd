/**
 * An in-process server provided to the default transport: what it is handed, what the caller reads
 * back, its precedence over a provided `Fetch`, a failure as a dropped connection, and a timeout
 * abandoning a request it never answers.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted, Stream } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { TestClock } from "effect/testing"
import { InProcess, NodeTransport } from "../src/index.js"

/** A server that notes each request and answers with `answer`. */
const recording = (answer: InProcess.Answer) => {
  const seen: Array<InProcess.ServerRequest> = []
  const server: InProcess.Server = (request) => {
    seen.push(request)
    return Effect.succeed(answer)
  }
  return { seen, server }
}

const run = <A, E>(effect: Effect.Effect<A, E, HttpClient.HttpClient>, server: InProcess.Server) =>
  effect.pipe(Effect.provide(NodeTransport.layer), Effect.provideService(InProcess.Server, server))

describe("InProcess.Server", () => {
  it.effect("is handed the URL with its parameters (redacted ones in clear), lower-case headers and the body", () =>
    Effect.gen(function*() {
      const { seen, server } = recording({ status: 201, headers: { "x-answer": "yes" }, body: "ok" })
      const request = HttpClientRequest.post("http://polyv.test/live/v3/x", {
        urlParams: [["a", "1 2"], ["sign", Redacted.make("S3CRET")]],
        headers: { "X-Custom": "v" },
      }).pipe(HttpClientRequest.bodyText("name=直播", "application/x-www-form-urlencoded"))
      const response = yield* run(HttpClient.execute(request), server)
      assert.strictEqual(response.status, 201)
      assert.strictEqual(seen.length, 1)
      const [got] = seen
      assert.strictEqual(got!.method, "POST")
      assert.strictEqual(got!.url.pathname, "/live/v3/x")
      assert.strictEqual(got!.url.searchParams.get("a"), "1 2")
      assert.strictEqual(got!.url.searchParams.get("sign"), "S3CRET")
      assert.strictEqual(got!.headers["x-custom"], "v")
      assert.strictEqual(got!.headers["content-type"], "application/x-www-form-urlencoded")
      assert.strictEqual(new TextDecoder().decode(got!.body as Uint8Array), "name=直播")
    }))

  it.effect("answers are read like any response: status, headers, text, JSON, bytes, stream", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ channel: "直播间", n: 1 })
      const { server } = recording({ status: 200, headers: { "content-type": "application/json" }, body })
      const response = yield* run(HttpClient.get("http://polyv.test/x"), server)
      assert.strictEqual(response.headers["content-type"], "application/json")
      assert.strictEqual(yield* response.text, body)
      assert.deepStrictEqual(yield* response.json, { channel: "直播间", n: 1 })
      const bytes = new Uint8Array(yield* response.arrayBuffer)
      assert.strictEqual(new TextDecoder().decode(bytes), body)
      const chunks = yield* Stream.runCollect(response.stream)
      assert.strictEqual(new TextDecoder().decode(Buffer.concat([...chunks])), body)
      assert.strictEqual(response.url, "http://polyv.test/x")
    }))

  it.effect("byte answers decode as UTF-8 and a string answer's BOM is dropped, as fetch does", () =>
    Effect.gen(function*() {
      const bytes = new TextEncoder().encode("\uFEFF保利威")
      const fromBytes = yield* run(
        HttpClient.get("http://polyv.test/x"),
        recording({ status: 200, headers: {}, body: bytes }).server,
      )
      assert.strictEqual(yield* fromBytes.text, "保利威")
      const fromText = yield* run(
        HttpClient.get("http://polyv.test/x"),
        recording({ status: 200, headers: {}, body: "\uFEFFok" }).server,
      )
      assert.strictEqual(yield* fromText.text, "ok")
    }))

  it.effect("takes precedence over a provided Fetch", () =>
    Effect.gen(function*() {
      let fetched = 0
      const fetch: typeof globalThis.fetch = () => {
        fetched++
        return Promise.resolve(new Response("from fetch"))
      }
      const { seen, server } = recording({ status: 200, headers: {}, body: "from the server" })
      const text = yield* run(HttpClient.get("http://polyv.test/x"), server).pipe(
        Effect.flatMap((response) => response.text),
        Effect.provideService(FetchHttpClient.Fetch, fetch),
      )
      assert.strictEqual(text, "from the server")
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(fetched, 0)
    }))

  it.effect("a server's failure is a TransportError caused by it", () =>
    Effect.gen(function*() {
      const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
      const error = yield* run(HttpClient.get("http://polyv.test/x"), () => Effect.fail(reset)).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "TransportError")
      assert.strictEqual(error.reason.cause, reset)
    }))

  it.effect("a streamed body is refused before the server sees it, naming what to use instead", () =>
    Effect.gen(function*() {
      const { seen, server } = recording({ status: 200, headers: {}, body: "" })
      const request = HttpClientRequest.post("http://polyv.test/x").pipe(
        HttpClientRequest.bodyStream(Stream.make(new Uint8Array([1]))),
      )
      const error = yield* run(HttpClient.execute(request), server).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "EncodeError")
      assert.include(error.message, "FetchHttpClient.layer")
      assert.strictEqual(seen.length, 0)
    }))

  it.effect("a request the server never answers is abandoned when its fiber is interrupted", () =>
    Effect.gen(function*() {
      let interrupted = false
      const hanging: InProcess.Server = () =>
        Effect.never.pipe(Effect.onInterrupt(() => Effect.sync(() => (interrupted = true))))
      const fiber = yield* run(HttpClient.get("http://polyv.test/x"), hanging).pipe(
        Effect.timeout("5 seconds"),
        Effect.forkChild,
      )
      yield* TestClock.adjust("5 seconds")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      assert.isTrue(interrupted)
    }))
})
