/**
 * An `HttpClientResponse` whose readers (text, JSON, bytes, form data, URL parameters) all derive
 * from the whole body, which a transport supplies once, up to a limit, counting as it reads
 * ({@link BufferedResponse.textUpTo}); the client's read goes through `AnswerLimit.readText`, which
 * uses it. A subclass says where status, headers and bytes come from: core's Node transport reads
 * them from `node:http`, the mock's in-process client from the mock's answer in memory. Effect's
 * own responses are made from a web `Response` only, which on Node 20 costs each answer a body
 * stream and a finalisation registration.
 *
 * @example
 * ```ts
 * import { AnswerLimit, BufferedResponse } from "@polyv-stats/core"
 * import { Effect, Option, Stream } from "effect"
 * import { Cookies, Headers, HttpClientRequest } from "effect/http"
 *
 * // An answer already in memory.
 * class InMemory extends BufferedResponse {
 *   readonly url = "http://example.test/"
 *   readonly status = 200
 *   readonly headers = Headers.fromInput({ "content-type": "text/plain" })
 *   readonly cookies = Cookies.empty
 *   readonly remoteAddress = Option.none<string>()
 *   readonly contentLength = undefined
 *   constructor(private readonly body: Uint8Array) {
 *     super(HttpClientRequest.get("http://example.test/"))
 *   }
 *   discard() {}
 *   // Enforcing the limit is the subclass's duty: `AnswerLimit.readText` trusts it to.
 *   protected bytesUpTo(limit: number) {
 *     return this.body.byteLength > limit
 *       ? Effect.fail(AnswerLimit.tooLarge(this, new AnswerLimit.AnswerTooLarge(limit)))
 *       : Effect.succeed(this.body)
 *   }
 *   get stream() {
 *     return Stream.make(this.body)
 *   }
 * }
 *
 * const text = new InMemory(new TextEncoder().encode("hello")).text
 * ```
 * @module
 */
import { Effect, Inspectable, type Option, Pipeable, type Schema, type Stream } from "effect"
import {
  type Cookies,
  type Headers,
  HttpClientError,
  type HttpClientRequest,
  HttpClientResponse,
  HttpIncomingMessage,
  UrlParams,
} from "effect/http"
import type { LimitedReader } from "./AnswerLimit.js"

/** Decodes a form body keeping a leading U+FEFF, as Effect's `HttpClientResponse` does. */
const formBodyText = new TextDecoder("utf-8", { ignoreBOM: true })

export abstract class BufferedResponse extends Inspectable.Class
  implements HttpClientResponse.HttpClientResponse, LimitedReader
{
  readonly [HttpIncomingMessage.TypeId] = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId] = HttpClientResponse.TypeId

  constructor(readonly request: HttpClientRequest.HttpClientRequest) {
    super()
  }

  /** The request's URL, without its fragment. */
  abstract readonly url: string
  abstract readonly status: number
  abstract readonly headers: Headers.Headers
  abstract readonly cookies: Cookies.Cookies
  abstract readonly remoteAddress: Option.Option<string>
  abstract readonly stream: Stream.Stream<Uint8Array, HttpClientError.HttpClientError>
  /** The raw `Content-Length` header, read without building {@link headers}. */
  abstract readonly contentLength: string | undefined
  /**
   * The whole body, which every reader derives from (a transport reads it from the wire once). Past
   * `limit` bytes the read fails with an `AnswerLimit.AnswerTooLarge` cause and stops; the first
   * read's limit is the one that holds. A subclass must enforce it: `AnswerLimit.readText` does
   * not read a `BufferedResponse`'s body itself, so a subclass that ignores `limit` has no cap.
   */
  protected abstract bytesUpTo(limit: number): Effect.Effect<Uint8Array, HttpClientError.HttpClientError>
  /** Gives up the body unread (the connection is not reused). */
  abstract discard(): void

  /** The whole body, however large. */
  protected get bytes(): Effect.Effect<Uint8Array, HttpClientError.HttpClientError> {
    return this.bytesUpTo(Number.POSITIVE_INFINITY)
  }

  protected decodeError(cause: unknown) {
    return new HttpClientError.HttpClientError({
      reason: new HttpClientError.DecodeError({ request: this.request, response: this, cause }),
    })
  }

  /** The body as text, read up to `limit` bytes (see {@link bytesUpTo}). */
  textUpTo(limit: number): Effect.Effect<string, HttpClientError.HttpClientError> {
    // As `TextDecoder` reads it (what `fetch` responses give): UTF-8, a leading BOM dropped.
    return Effect.map(this.bytesUpTo(limit), (bytes) => {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    })
  }

  get text(): Effect.Effect<string, HttpClientError.HttpClientError> {
    return this.textUpTo(Number.POSITIVE_INFINITY)
  }

  get json(): Effect.Effect<Schema.Json, HttpClientError.HttpClientError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: (): Schema.Json => (text === "" ? null : JSON.parse(text)),
        catch: (cause) => this.decodeError(cause),
      }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.HttpClientError> {
    return Effect.map(this.bytes, (bytes) => new Uint8Array(bytes).buffer)
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.HttpClientError> {
    // As Effect's own responses read a form body: a leading BOM and a leading "?" are form data.
    return Effect.map(
      this.bytes,
      (bytes) => UrlParams.fromInput(new URLSearchParams(formBodyText.decode(bytes).replace(/^\?/, "%3F"))),
    )
  }

  get formData(): Effect.Effect<FormData, HttpClientError.HttpClientError> {
    return Effect.flatMap(this.bytes, (bytes) =>
      Effect.tryPromise({
        try: () => {
          const type = this.headers["content-type"]
          return new Response(new Uint8Array(bytes), type === undefined ? {} : { headers: { "content-type": type } })
            .formData()
        },
        catch: (cause) => this.decodeError(cause),
      }))
  }

  get upgrade(): Effect.Effect<never, HttpClientError.HttpClientError> {
    return Effect.fail(
      new HttpClientError.HttpClientError({
        reason: new HttpClientError.StatusCodeError({
          request: this.request,
          response: this,
          description: "this transport does not hand over connections",
        }),
      }),
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status,
    })
  }

  pipe() {
    // oxlint-disable-next-line prefer-rest-params
    return Pipeable.pipeArguments(this, arguments)
  }
}
