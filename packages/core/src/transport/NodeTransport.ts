/**
 * The client's default transport: an Effect `HttpClient` over Node's `node:http` and `node:https`
 * with keep-alive agents, which live as long as the layer.
 *
 * Why not `fetch`: on Node 20 a `fetch` call costs about three times the CPU of a keep-alive
 * `node:http` request of the same bytes (`bench/README.md`), and a client makes thousands of small
 * calls (5 000 for a stream of 100 000 sessions). The request is cancelled by destroying it when
 * its fiber is interrupted (a timeout) or its signal aborts, without handing Node an `AbortSignal`,
 * whose listeners cost as much again. A request the HTTP client would not trace, as core's own
 * calls are, also skips the per-request wrapper of Effect's `HttpClient.make` (see `sendUntraced`).
 *
 * Two things provided in the context take precedence. An {@link InProcess.Server} answers the
 * request itself (the in-process mock does this). Otherwise a `FetchHttpClient.Fetch` gets it,
 * through Effect's `FetchHttpClient`: that is how a test's scripted `fetch` and
 * {@link createPolyvClient}'s `fetch` option reach the client.
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
import { Context, Effect, type Fiber, Layer, Option, type Scope, Stream, Tracer } from "effect"
import {
  Cookies,
  FetchHttpClient,
  Headers,
  HttpClient,
  HttpClientError,
  type HttpClientRequest,
  type HttpClientResponse,
} from "effect/http"
import * as http from "node:http"
import * as https from "node:https"
import { AnswerTooLarge } from "./AnswerLimit.js"
import { BufferedResponse } from "./BufferedResponse.js"
import * as InProcess from "./InProcess.js"
import { transportError, urlOf, wholeBody } from "./OutgoingRequest.js"

interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

/** The platform's `fetch`: the `Fetch` reference's value when nobody provided one. */
const platformFetch = Context.get(Context.empty(), FetchHttpClient.Fetch)

/** Sends `request` to `url` and resumes with the answer or a `TransportError`; returns it to destroy. */
const exchange = (
  agents: Agents,
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  body: string | Uint8Array,
  resume: (effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>) => void,
): http.ClientRequest => {
  const secure = url.protocol === "https:"
  const nodeRequest = (secure ? https.request : http.request)(
    url,
    { method: request.method, headers: request.headers, agent: secure ? agents.https : agents.http },
    (response) => resume(Effect.succeed(new NodeResponse(request, url.href.split("#")[0]!, response))),
  )
  nodeRequest.on("error", (cause) => resume(Effect.fail(transportError(request, cause))))
  nodeRequest.end(body)
  return nodeRequest
}

/** Through Effect's `HttpClient.make`: its span and trace headers, and `HttpClient.withScope`. */
const send = (agents: Agents) =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(
      wholeBody(request, "the node:http transport"),
      (body) =>
        Effect.callback<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
          const nodeRequest = exchange(agents, request, url, body, resume)
          // A request scoped with `HttpClient.withScope` is cancelled through its signal.
          const abort = () => nodeRequest.destroy()
          signal.addEventListener("abort", abort, { once: true })
          nodeRequest.once("close", () => signal.removeEventListener("abort", abort))
          return Effect.sync(abort)
        }),
    )
  )

/**
 * A request the HTTP client would not trace (core's calls turn that span off: `polyv.<endpoint>`
 * is the call's span) goes without `HttpClient.make`'s wrapper, which on Node 20 cost a fifth of a
 * call: an `AbortSignal` (made transferable by copying it), a finalisation registration and a
 * wrapped response. It is destroyed when its fiber is interrupted, waiting for the answer or
 * reading the body; `HttpClient.withScope` does not reach it, and an answer must be read.
 */
const sendUntraced = (agents: Agents) => (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(
    Effect.zip(urlOf(request), wholeBody(request, "the node:http transport")),
    ([url, body]) =>
      Effect.callback<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
        const nodeRequest = exchange(agents, request, url, body, resume)
        return Effect.sync(() => nodeRequest.destroy())
      }),
  )

/** Whether `HttpClient.make` would leave the request untraced. */
const untraced = (fiber: Fiber.Fiber<unknown, unknown>, request: HttpClientRequest.HttpClientRequest) =>
  fiber.getRef(Tracer.DisablePropagation) || fiber.getRef(HttpClient.TracerDisabledWhen)(request)

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

/**
 * The transport, as an `HttpClient`: `node:http(s)` with keep-alive agents (closed with the
 * scope); an in-process server or Effect's `FetchHttpClient` for a request whose context provides
 * one.
 */
export const make: Effect.Effect<HttpClient.HttpClient, never, Scope.Scope> = Effect.gen(function*() {
  const agents = yield* Effect.acquireRelease(
    Effect.sync((): Agents => ({
      http: new http.Agent({ keepAlive: true }),
      https: new https.Agent({ keepAlive: true }),
    })),
    (open) =>
      Effect.sync(() => {
        open.http.destroy()
        open.https.destroy()
      }),
  )
  const node = send(agents)
  const nodeUntraced = sendUntraced(agents)
  const viaFetch = yield* Effect.service(HttpClient.HttpClient).pipe(Effect.provide(FetchHttpClient.layer))
  return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (prepared) =>
      Effect.flatMap(
        prepared,
        (request) =>
          Effect.withFiber((fiber) => {
            const server = fiber.getRef(InProcess.Server)
            if (server !== undefined) return InProcess.serve(server, request)
            if (fiber.getRef(FetchHttpClient.Fetch) !== platformFetch) return viaFetch.execute(request)
            return untraced(fiber, request) ? nodeUntraced(request) : node.execute(request)
          }),
      ),
    Effect.succeed,
  )
})

/** {@link make} as a layer; a `Server` or `Fetch` given to the layer, or later to a request, is used as above. */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.unwrap(
  Effect.map(make, (client) => HttpClient.layerMergedContext(Effect.succeed(client))),
)
