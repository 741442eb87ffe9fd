/**
 * The mock's in-process `HttpClient` (what `MockLayer.inProcess` provides): what its handler is
 * handed, what the caller reads back, a reset as a dropped connection, a timeout abandoning a late
 * answer, and the answer limit on answers it holds in memory (issue 16, review).
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { AnswerLimit, Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Exit, Fiber, Redacted, Result, Stream } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { TestClock } from "effect/testing"
import * as InProcessClient from "../src/adapters/InProcessClient.js"
import { PolyvMock } from "../src/PolyvMock.js"
import { type MockRequest, mockRequest, type MockResponse } from "../src/protocol/MockRequest.js"
import { now, signed } from "./support.js"

/** A handler that notes each request and answers with `answer`. */
const recording = (answer: MockResponse) => {
  const seen: Array<MockRequest> = []
  const handle: InProcessClient.Handler = (request) => {
    seen.push(request)
    return Promise.resolve(answer)
  }
  return { seen, handle }
}

const run = <A, E>(
  effect: Effect.Effect<A, E, HttpClient.HttpClient>,
  handle: InProcessClient.Handler,
  sleep: (millis: number) => Effect.Effect<void> = Effect.sleep,
) => Effect.provideService(effect, HttpClient.HttpClient, InProcessClient.make(handle, sleep))

describe("the in-process client", () => {
  it.effect("hands the path, the parameters (redacted ones in clear), lower-case headers and the body", () =>
    Effect.gen(function*() {
      const { seen, handle } = recording({ status: 201, headers: { "x-answer": "yes" }, body: "ok" })
      const request = HttpClientRequest.post("http://polyv.test/live/v3/x", {
        urlParams: [["a", "1 2"], ["sign", Redacted.make("S3CRET")]],
        headers: { "X-Custom": "v" },
      }).pipe(HttpClientRequest.bodyText("name=直播", "application/x-www-form-urlencoded"))
      const response = yield* run(HttpClient.execute(request), handle)
      assert.strictEqual(response.status, 201)
      assert.strictEqual(seen.length, 1)
      const [got] = seen
      assert.strictEqual(got!.method, "POST")
      assert.strictEqual(got!.path, "/live/v3/x")
      assert.strictEqual(got!.params.get("a"), "1 2")
      assert.strictEqual(got!.params.get("sign"), "S3CRET")
      assert.strictEqual(got!.headers!["x-custom"], "v")
      assert.strictEqual(got!.headers!["content-type"], "application/x-www-form-urlencoded")
      assert.strictEqual(got!.body, "name=直播")
    }))

  it.effect("answers are read like any response: status, headers, text, JSON, bytes, stream", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ channel: "直播间", n: 1 })
      const { handle } = recording({ status: 200, headers: { "content-type": "application/json" }, body })
      const response = yield* run(HttpClient.get("http://polyv.test/x"), handle)
      assert.strictEqual(response.headers["content-type"], "application/json")
      assert.strictEqual(yield* response.text, body)
      assert.deepStrictEqual(yield* response.json, { channel: "直播间", n: 1 })
      const bytes = new Uint8Array(yield* response.arrayBuffer)
      assert.strictEqual(new TextDecoder().decode(bytes), body)
      const chunks = yield* Stream.runCollect(response.stream)
      assert.strictEqual(new TextDecoder().decode(Buffer.concat([...chunks])), body)
      assert.strictEqual(response.url, "http://polyv.test/x")
    }))

  it.effect("an answer given at once reads the same as one given as a promise", () =>
    Effect.gen(function*() {
      const answer = { status: 202, headers: { "x-answer": "now" }, body: "at once" }
      const read = (handle: InProcessClient.Handler) =>
        Effect.flatMap(run(HttpClient.get("http://polyv.test/x"), handle), (response) =>
          Effect.map(response.text, (text) => [response.status, response.headers["x-answer"], text]))
      const later = yield* read(() =>
        Promise.resolve(answer)
      )
      assert.deepStrictEqual(later, [202, "now", "at once"])
      assert.deepStrictEqual(yield* read(() => answer), later)
    }))

  it("the mock answers an API call at once (no promise), the same answer handle gives", async () => {
    const mock = new PolyvMock({ seed: "at-once", now, clock: () => now })
    const request = (nonce: string) =>
      mockRequest({
        method: "GET",
        path: Contract.liveDurations.path,
        query: new URLSearchParams(
          signed({ channelIds: mock.world.channels[0]!.channelId, signatureNonce: nonce }),
        ).toString(),
      })
    const atOnce = mock.respond(request("n1"))
    assert.notInstanceOf(atOnce, Promise)
    const viaHandle = await mock.handle(request("n2"))
    expect((atOnce as MockResponse).status).toBe(200)
    expect(viaHandle.status).toBe(200)
    expect(atOnce).toEqual(viaHandle)
  })

  it.effect("byte answers decode as UTF-8 and a string answer's BOM is dropped, as fetch does", () =>
    Effect.gen(function*() {
      const bytes = new TextEncoder().encode("\uFEFF保利威")
      const fromBytes = yield* run(
        HttpClient.get("http://polyv.test/x"),
        recording({ status: 200, headers: {}, body: bytes }).handle,
      )
      assert.strictEqual(yield* fromBytes.text, "保利威")
      const fromText = yield* run(
        HttpClient.get("http://polyv.test/x"),
        recording({ status: 200, headers: {}, body: "\uFEFFok" }).handle,
      )
      assert.strictEqual(yield* fromText.text, "ok")
    }))

  it.effect("a reset fault is a TransportError caused by a dropped connection", () =>
    Effect.gen(function*() {
      const { handle } = recording({ status: 200, headers: {}, body: "", reset: true })
      const error = yield* run(HttpClient.get("http://polyv.test/x"), handle).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "TransportError")
      assert.strictEqual((error.reason.cause as { code?: string }).code, "ECONNRESET")
    }))

  it.effect("a streamed body is refused before the handler sees it, naming what to use instead", () =>
    Effect.gen(function*() {
      const { seen, handle } = recording({ status: 200, headers: {}, body: "" })
      const request = HttpClientRequest.post("http://polyv.test/x").pipe(
        HttpClientRequest.bodyStream(Stream.make(new Uint8Array([1]))),
      )
      const error = yield* run(HttpClient.execute(request), handle).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "EncodeError")
      assert.include(error.message, "FetchHttpClient.layer")
      assert.strictEqual(seen.length, 0)
    }))

  it.effect("a late answer (a latency fault) is abandoned when its fiber is interrupted", () =>
    Effect.gen(function*() {
      let interrupted = false
      const { handle } = recording({ status: 200, headers: {}, body: "late", delayMillis: 60_000 })
      const sleep = (millis: number) =>
        Effect.sleep(millis).pipe(Effect.onInterrupt(() => Effect.sync(() => (interrupted = true))))
      const fiber = yield* run(HttpClient.get("http://polyv.test/x"), handle, sleep).pipe(
        Effect.timeout("5 seconds"),
        Effect.forkChild,
      )
      yield* TestClock.adjust("5 seconds")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      assert.isTrue(interrupted)
    }))
})

describe("the answer limit, in process", () => {
  const limit = AnswerLimit.maxAnswerBytes
  const whole = (data: unknown) => JSON.stringify({ code: 200, status: "success", message: "", data })
  /** A JSON answer of exactly `bytes`: a whole envelope, padded with white space. */
  const exactly = (bytes: number) => {
    const body = whole([{ channelId: 1, duration: 60 }])
    return body + " ".repeat(bytes - body.length)
  }
  const call = (body: string) =>
    PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(
      Effect.provide(PolyvClient.layer({ appId: "app", appSecret: Redacted.make("s"), rateLimit: false })),
      (effect) => run(effect, recording({ status: 200, headers: { "content-type": "application/json" }, body }).handle),
      Effect.result,
    )

  it.effect("an answer over the limit is refused; one of exactly the limit is read", () =>
    Effect.gen(function*() {
      // Two bytes a character: only its UTF-8 length tells that the text is one byte over.
      const over = yield* call(`"${"é".repeat((limit - 2) / 2)}" `)
      const error = Result.isFailure(over) ? over.failure : undefined
      if (error?._tag !== "UnexpectedResponse") return expect.unreachable(`UnexpectedResponse, not ${error?._tag}`)
      expect(error.bodyLimit).toBe(limit)
      expect(error.message).toMatch(/^the answer is larger than 16 MiB.*: not a Polyv statistics answer$/)
      expect(yield* call(exactly(limit))).toEqual(Result.succeed([{ channelId: "1", duration: 60 }]))
    }))
})
