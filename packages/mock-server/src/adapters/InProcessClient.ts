/**
 * The mock as an Effect `HttpClient` in the same process: each request goes straight to the mock's
 * handler, with no port, no socket, no `fetch` and no `Response`, and its answer comes back as a
 * core `BufferedResponse`, which the client reads whole, at once. `MockLayer.inProcess` provides it,
 * so `PolyvClient.layer` over it costs what the mock's own work costs.
 *
 * Why not the mock's `fetch` under Effect's `FetchHttpClient`: on Node 20 every `fetch` exchange
 * makes an `AbortSignal` and a `Response` body stream, each several hundred bytes that outlive
 * young-generation collections, and registers the response for finalisation. A stream of 100 000
 * sessions is 5 000 exchanges (`bench/README.md`, fifth pass).
 *
 * A latency fault waits on the `sleep` it is given, an effect: a timeout interrupts it like any
 * other, and under `TestClock` nothing waits for real. A reset fault fails as a dropped connection
 * does: a `TransportError` caused by `ECONNRESET`.
 *
 * @example
 * Internal (not exported from the package): `MockLayer.inProcess` is how it is used.
 * @module
 */
import { AnswerLimit, BufferedResponse, OutgoingRequest } from "@polyv-stats/core"
import { Effect, Option, Stream } from "effect"
import {
  Cookies,
  Headers,
  HttpClient,
  type HttpClientError,
  type HttpClientRequest,
  type HttpClientResponse,
} from "effect/http"
import {
  connectionReset,
  inProcessClient,
  type MockRequest,
  mockRequest,
  type MockResponse,
} from "../protocol/MockRequest.js"

/** What answers a request: the mock's `respond` (an API call's answer at once, others as a promise). */
export type Handler = (request: MockRequest) => MockResponse | Promise<MockResponse>

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Hands `request` to `handle` and delivers its answer: late by its latency, or as a dropped connection. */
const serve = (
  handle: Handler,
  sleep: (millis: number) => Effect.Effect<void>,
  request: HttpClientRequest.HttpClientRequest,
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.flatMap(
    Effect.zip(OutgoingRequest.urlOf(request), OutgoingRequest.wholeBody(request, "the in-process mock")),
    ([url, body]) =>
      Effect.flatMap(
        Effect.suspend(() => {
          const pending = handle(mockRequest({
            method: request.method,
            path: url.pathname,
            query: url.search.slice(1),
            headers: request.headers,
            body: typeof body === "string" ? body : decoder.decode(body),
            client: inProcessClient,
          }))
          // An answer ready at once is taken as it is: no promise, no fiber suspension.
          return pending instanceof Promise ? Effect.promise(() => pending) : Effect.succeed(pending)
        }),
        (answer) => {
          const delivered = answer.reset
            ? Effect.fail(OutgoingRequest.transportError(request, connectionReset()))
            : Effect.succeed(new AnsweredResponse(request, url.href.split("#")[0]!, answer))
          return answer.delayMillis === undefined ? delivered : Effect.andThen(sleep(answer.delayMillis), delivered)
        },
      ),
  )

/**
 * The client: every request answered by `handle`, a latency fault waited out with `sleep`.
 * Interrupting a request (a timeout) abandons it.
 */
export const make = (handle: Handler, sleep: (millis: number) => Effect.Effect<void>): HttpClient.HttpClient =>
  HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (prepared) => Effect.flatMap(prepared, (request) => serve(handle, sleep, request)),
    Effect.succeed,
  )

/** The mock's answer, in memory already. */
class AnsweredResponse extends BufferedResponse {
  readonly remoteAddress = Option.none<string>()

  constructor(
    request: HttpClientRequest.HttpClientRequest,
    readonly url: string,
    private readonly answer: MockResponse,
  ) {
    super(request)
  }

  get status(): number {
    return this.answer.status
  }

  get headers(): Headers.Headers {
    return Headers.fromInput(this.answer.headers)
  }

  get cookies(): Cookies.Cookies {
    const set = this.answer.headers["set-cookie"]
    return Cookies.fromSetCookie(set === undefined ? [] : [set])
  }

  get contentLength(): string | undefined {
    return this.answer.headers["content-length"]
  }

  discard(): void {}

  /** Only the size of the answer is checked against `limit`: it is in memory already. */
  private overLimit(limit: number): Effect.Effect<never, HttpClientError.HttpClientError> | undefined {
    const { body } = this.answer
    // A string's UTF-8 takes at least one byte and at most three per UTF-16 unit: only a length
    // between the two bounds is measured.
    const over = typeof body === "string"
      ? body.length > limit || (body.length * 3 > limit && Buffer.byteLength(body) > limit)
      : body.byteLength > limit
    return over ? Effect.fail(AnswerLimit.tooLarge(this, new AnswerLimit.AnswerTooLarge(limit))) : undefined
  }

  protected bytesUpTo(limit: number) {
    const { body } = this.answer
    return this.overLimit(limit) ?? Effect.succeed(typeof body === "string" ? encoder.encode(body) : body)
  }

  // A string answer is the text already: no round trip through bytes (a BOM dropped all the same).
  override textUpTo(limit: number) {
    const { body } = this.answer
    if (typeof body !== "string") return super.textUpTo(limit)
    return this.overLimit(limit) ?? Effect.succeed(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body)
  }

  get stream() {
    return Stream.fromEffect(this.bytes)
  }
}
