/**
 * A request as a transport that sends whole bodies sends it: its URL put together once, its body
 * whole (text or bytes; streamed and form-data bodies are left to `FetchHttpClient`, and the client
 * itself only sends GETs), and the error a failed exchange becomes. Core's Node transport and the
 * mock's in-process client both read requests this way.
 *
 * @example
 * ```ts
 * import { OutgoingRequest } from "@polyv-stats/core"
 * import { Effect } from "effect"
 * import { HttpClientRequest } from "effect/http"
 *
 * const request = HttpClientRequest.get("http://mock.test/live/v3/x", { urlParams: { a: "1" } })
 * const href = Effect.map(OutgoingRequest.urlOf(request), (url) => url.href) // "http://mock.test/live/v3/x?a=1"
 * ```
 * @module
 */
import { Effect, Option, Result } from "effect"
import { HttpClientError, type HttpClientRequest, Url, UrlParams } from "effect/http"

/**
 * The URL with its parameters. Without a query or fragment of its own (every call of the client)
 * it is put together in one go: `Url.make` appends each parameter through `searchParams`, which
 * serialises the whole query again each time.
 */
export const urlOf = (
  request: HttpClientRequest.HttpClientRequest,
): Effect.Effect<URL, HttpClientError.HttpClientError> => {
  const hash = Option.getOrUndefined(request.hash)
  const url = hash === undefined && !request.url.includes("?")
    ? Result.try(() => {
      const query = UrlParams.toString(request.urlParams)
      return new URL(query === "" ? request.url : `${request.url}?${query}`)
    })
    : Url.make(request.url, request.urlParams, hash)
  return Result.isSuccess(url)
    ? Effect.succeed(url.success)
    : Effect.fail(
      new HttpClientError.HttpClientError({
        reason: new HttpClientError.InvalidUrlError({ request, cause: url.failure }),
      }),
    )
}

/** The body (`""`: none), or an `EncodeError` naming what to use instead for a streamed or form-data body. */
export const wholeBody = (
  request: HttpClientRequest.HttpClientRequest,
  transport: string,
): Effect.Effect<string | Uint8Array, HttpClientError.HttpClientError> => {
  const { body } = request
  switch (body._tag) {
    case "Empty":
      return Effect.succeed("")
    case "Uint8Array":
      return Effect.succeed(body.body)
    case "Raw":
      if (typeof body.body === "string" || body.body instanceof Uint8Array) return Effect.succeed(body.body)
  }
  return Effect.fail(
    new HttpClientError.HttpClientError({
      reason: new HttpClientError.EncodeError({
        request,
        description: `${transport} sends no streamed or form-data bodies; provide FetchHttpClient.layer`,
      }),
    }),
  )
}

/** An exchange that failed on the way: refused, reset, dropped. */
export const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
