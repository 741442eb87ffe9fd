/**
 * A request's body as the transports here send it: whole, as text or bytes. Streamed and
 * form-data bodies are left to `FetchHttpClient`; the client itself only sends GETs.
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */
import { Effect } from "effect"
import { HttpClientError, type HttpClientRequest } from "effect/http"

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
