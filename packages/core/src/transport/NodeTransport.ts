/**
 * The Node transport: an Effect `HttpClient` over `node:http` and `node:https` with keep-alive
 * agents, which live as long as the layer. `PolyvClient.layerNode` gives it to the client;
 * `PolyvClient.layer` takes whichever `HttpClient` is provided instead (Effect's
 * `FetchHttpClient`, the mock's in-process client, one of your own).
 *
 * Why not `fetch`: on Node 20 a `fetch` call costs about three times the CPU of a keep-alive
 * `node:http` request of the same bytes (`bench/README.md`), and a client makes thousands of small
 * calls (5 000 for a stream of 100 000 sessions).
 *
 * Every request goes one way: its URL put together once, sent whole, and destroyed when its fiber
 * is interrupted (a timeout), waiting for the answer or reading the body, without handing Node an
 * `AbortSignal`, whose listeners cost as much again. The answer's body is read once, up to a limit
 * (`BufferedResponse`). A request the HTTP tracer is on for gets its client span and trace headers
 * around that same send (`ClientSpan`); core's calls turn it off, their span is the call's.
 * `HttpClient.withScope` does not reach a request here: it lives as long as its fiber, and an
 * answer must be read or discarded.
 *
 * @example
 * ```ts
 * import { NodeTransport } from "@polyv-stats/core"
 * import { Effect } from "effect"
 * import { HttpClient } from "effect/http"
 *
 * const status = HttpClient.get("http://127.0.0.1:8080/__mock/world").pipe(
 *   Effect.map((response) => response.status),
 *   Effect.provide(NodeTransport.layer),
 * )
 * ```
 * @module
 */
import { Effect, Layer, Option, type Scope, Stream } from "effect"
import {
  Cookies,
  Headers,
  HttpClient,
  type HttpClientError,
  type HttpClientRequest,
  type HttpClientResponse,
} from "effect/http"
import * as http from "node:http"
import * as https from "node:https"
import { AnswerTooLarge } from "./AnswerLimit.js"
import { BufferedResponse } from "./BufferedResponse.js"
import * as ClientSpan from "./ClientSpan.js"
import { transportError, urlOf, wholeBody } from "./OutgoingRequest.js"

interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

/**
 * The one send: `request` to its URL over the agents, resuming with the answer or a
 * `TransportError`. Interrupting it (a timeout) destroys the request and its socket.
 */
const send = (agents: Agents) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(
    Effect.zip(urlOf(request), wholeBody(request, "the Node transport")),
    ([url, body]) =>
      Effect.callback<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
        const secure = url.protocol === "https:"
        const nodeRequest = (secure ? https.request : http.request)(
          url,
          { method: request.method, headers: request.headers, agent: secure ? agents.https : agents.http },
          (response) => resume(Effect.succeed(new NodeResponse(request, url.href.split("#")[0]!, response))),
        )
        nodeRequest.on("error", (cause) => resume(Effect.fail(transportError(request, cause))))
        nodeRequest.end(body)
        return Effect.sync(() => nodeRequest.destroy())
      }),
  )

/**
 * Reads a whole body, once; the readers of a response share it. Past `limit` bytes it stops: the
 * response (and its socket) is destroyed and the read fails with an `AnswerTooLarge`.
 */
const collect = (response: http.IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let received = 0
    response.on("data", (chunk: Buffer) => {
      received += chunk.length
      if (received <= limit) return void chunks.push(chunk)
      response.destroy()
      reject(new AnswerTooLarge(limit))
    })
    response.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    response.on("error", reject)
  })

class NodeResponse extends BufferedResponse {
  private body: Promise<Buffer> | undefined

  constructor(
    request: HttpClientRequest.HttpClientRequest,
    readonly url: string,
    private readonly source: http.IncomingMessage,
  ) {
    super(request)
  }

  get status(): number {
    return this.source.statusCode ?? 0
  }

  get headers(): Headers.Headers {
    return Headers.fromInput(this.source.headers)
  }

  get cookies(): Cookies.Cookies {
    return Cookies.fromSetCookie(this.source.headers["set-cookie"] ?? [])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.fromUndefinedOr(this.source.socket?.remoteAddress)
  }

  get contentLength(): string | undefined {
    return this.source.headers["content-length"]
  }

  discard(): void {
    this.source.destroy()
  }

  protected bytesUpTo(limit: number): Effect.Effect<Buffer, HttpClientError.HttpClientError> {
    return Effect.callback((resume) => {
      ;(this.body ??= collect(this.source, limit)).then(
        (bytes) => resume(Effect.succeed(bytes)),
        (cause: unknown) => resume(Effect.fail(this.decodeError(cause))),
      )
      // Interrupted mid-body (a timeout): the rest is not wanted, and the socket is not reusable.
      return Effect.sync(() => {
        if (!this.source.complete) this.source.destroy()
      })
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.HttpClientError> {
    return Stream.fromAsyncIterable(this.source as AsyncIterable<Uint8Array>, (cause) => this.decodeError(cause))
  }
}

/** The transport, as an `HttpClient`: `node:http(s)` with keep-alive agents, closed with the scope. */
export const make: Effect.Effect<HttpClient.HttpClient, never, Scope.Scope> = Effect.map(
  Effect.acquireRelease(
    Effect.sync((): Agents => ({
      http: new http.Agent({ keepAlive: true }),
      https: new https.Agent({ keepAlive: true }),
    })),
    (open) =>
      Effect.sync(() => {
        open.http.destroy()
        open.https.destroy()
      }),
  ),
  (agents) => {
    const sendOver = send(agents)
    return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
      (prepared) => Effect.flatMap(prepared, (request) => ClientSpan.around(request, sendOver)),
      Effect.succeed,
    )
  },
)

/** {@link make} as a layer: its agents close when the layer is released. */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(HttpClient.HttpClient, make)
