/**
 * A server in the same process as the client. Provided as {@link Server}, it answers every request
 * that {@link NodeTransport} (and so `PolyvClient.layer`) would have sent: no socket, no `fetch`,
 * no `Response`. The mock's `MockLayer.inProcess` provides one, so contract tests against it cost
 * what the mock's own work costs.
 *
 * Why not the mock's `fetch`: on Node 20 every `fetch` exchange makes an `AbortSignal` and a
 * `Response` body stream, each several hundred bytes that outlive young-generation collections,
 * and registers the response for finalisation. A stream of 100 000 sessions is 5 000 exchanges.
 *
 * @example
 * ```ts
 * import { InProcess, NodeTransport } from "@polyv-stats/core"
 * import { Effect } from "effect"
 * import { HttpClient } from "effect/http"
 *
 * const echo: InProcess.Server = (request) =>
 *   Effect.succeed({ status: 200, headers: { "content-type": "text/plain" }, body: request.url.pathname })
 *
 * const path = HttpClient.get("http://anywhere/live/v3/x").pipe(
 *   Effect.flatMap((response) => response.text),
 *   Effect.provide(NodeTransport.layer),
 *   Effect.provideService(InProcess.Server, echo),
 * )
 * ```
 * @module
 */
import { Context, Effect, Option, Stream } from "effect"
import { Cookies, Headers, type HttpClientError, type HttpClientRequest, type HttpClientResponse } from "effect/http"
import * as AnswerLimit from "./AnswerLimit.js"
import { BufferedResponse } from "./BufferedResponse.js"
import { transportError, urlOf, wholeBody } from "./OutgoingRequest.js"

/** A request as an in-process server gets it: the URL with its query, the body whole. */
export interface ServerRequest {
  readonly method: string
  readonly url: URL
  /** Names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** `""` when there is none. */
  readonly body: string | Uint8Array
}

/** What an in-process server answers. */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array
}

/**
 * Answers a request, or fails as a dropped connection would: the error becomes the cause of the
 * call's `TransportError`. Interrupting it (a timeout) abandons the request.
 */
export type Server = (request: ServerRequest) => Effect.Effect<Answer, Error>

/** The in-process server, when one is provided; `undefined` sends requests out as usual. */
export const Server = Context.Reference<Server | undefined>("@polyv-stats/core/InProcess/Server", {
  defaultValue: () => undefined,
})

/** Runs a request through `server`, as {@link NodeTransport} does when one is provided. */
export const serve = (
  server: Server,
  request: HttpClientRequest.HttpClientRequest,
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.flatMap(
    Effect.zip(urlOf(request), wholeBody(request, "an in-process server")),
    ([url, body]) =>
      server({ method: request.method, url, headers: request.headers, body }).pipe(
        Effect.mapError((cause) => transportError(request, cause)),
        Effect.map((answer) => new AnsweredResponse(request, url.href.split("#")[0]!, answer)),
      ),
  )

const encoder = new TextEncoder()

class AnsweredResponse extends BufferedResponse {
  readonly remoteAddress = Option.none<string>()

  constructor(
    request: HttpClientRequest.HttpClientRequest,
    readonly url: string,
    private readonly answer: Answer,
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

  /** The answer is in memory already: only its size is checked against `limit`. */
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
