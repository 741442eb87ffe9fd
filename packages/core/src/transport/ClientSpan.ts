/**
 * The HTTP client span of a request, for a transport made with `HttpClient.makeWith`, which adds
 * none (unlike `HttpClient.make`): a span named by `HttpClient.SpanNameGenerator`, of kind
 * `client`, with the OpenTelemetry attributes Effect's own clients record (method, URL with its
 * redacted parameters shown as `<redacted>`, status, the headers `HttpClient.TracerHeaderFilter`
 * lets through), ended as failed on an HTTP 4xx or 5xx, and its `b3` / `traceparent` headers sent
 * with the request unless `HttpClient.TracerPropagationEnabled` is off.
 *
 * Why not `HttpClient.make`: it costs every request, traced or not, an `AbortController` (on Node
 * 20 a signal is several hundred bytes made transferable), a finalisation registration and a
 * wrapped response, which hides the transport's own body reader. Through it, a client call took
 * 1.8–2.0× raw `fetch` in `bench/client.mjs` (0.8–1.2× without). Here a request the tracer is off
 * for costs two reference reads: core's calls turn the HTTP span off (`polyv.<endpoint>` is the
 * span of a call, and it gets the HTTP status), so they pay nothing more.
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */
import { Clock, Effect, Exit, References, Tracer } from "effect"
import {
  Headers,
  HttpClient,
  HttpClientError,
  HttpClientRequest,
  type HttpClientResponse,
  HttpTraceContext,
  UrlParams,
} from "effect/http"
import { urlOf } from "./OutgoingRequest.js"

type Send = (
  request: HttpClientRequest.HttpClientRequest,
) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>

const defaultPorts: Record<string, number | undefined> = { "http:": 80, "https:": 443 }

/** The URL's attributes, with the values of parameters sent `Redacted` (and of redacted names) hidden. */
const urlAttributes = (
  span: Tracer.Span,
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  redactedNames: ReadonlyArray<string | RegExp>,
) => {
  const names = [...redactedNames]
  for (const [name, value] of request.urlParams.params) if (typeof value !== "string") names.push(name)
  span.attribute("url.full", UrlParams.redactUrl(url.href, names))
  span.attribute("url.path", url.pathname)
  const query = UrlParams.redactUrl(url.search, names).slice(1)
  if (query !== "") span.attribute("url.query", query)
  span.attribute("url.scheme", url.protocol.slice(0, -1))
  if (url.hostname === "") return
  // A URL keeps an IPv6 address's brackets; the attribute does not.
  span.attribute("server.address", url.hostname.replace(/^\[(.*)\]$/, "$1"))
  const port = url.port === "" ? defaultPorts[url.protocol] : Number(url.port)
  if (port !== undefined) span.attribute("server.port", port)
}

/** Headers as attributes: only those the filter lets through (by default none), redacted names hidden. */
const headerAttributes = (
  span: Tracer.Span,
  phase: "request" | "response",
  headers: Headers.Headers,
  filter: (name: string, phase: "request" | "response") => boolean,
  redactedNames: ReadonlyArray<string | RegExp>,
) => {
  for (const name in headers) {
    if (!filter(name, phase)) continue
    const value = Headers.isRedactedName(name, redactedNames) ? "<redacted>" : headers[name]
    span.attribute(`http.${phase}.header.${name}`, value)
  }
}

/**
 * Sends `request` with `send`, in its HTTP client span unless the tracer is off for it
 * (`Tracer.DisablePropagation`, or `HttpClient.TracerDisabledWhen`).
 */
export const around = (request: HttpClientRequest.HttpClientRequest, send: Send) =>
  Effect.withFiber((fiber) => {
    if (fiber.getRef(Tracer.DisablePropagation) || fiber.getRef(HttpClient.TracerDisabledWhen)(request)) {
      return send(request)
    }
    return Effect.flatMap(urlOf(request), (url) =>
      Effect.useSpan(fiber.getRef(HttpClient.SpanNameGenerator)(request), { kind: "client" }, (span) => {
        const filter = fiber.getRef(HttpClient.TracerHeaderFilter)
        const redactedHeaders = fiber.getRef(Headers.CurrentRedactedNames)
        span.attribute("http.request.method", request.method)
        urlAttributes(span, request, url, fiber.getRef(UrlParams.CurrentRedactedNames))
        headerAttributes(span, "request", request.headers, filter, redactedHeaders)
        const sent = fiber.getRef(HttpClient.TracerPropagationEnabled)
          ? HttpClientRequest.setHeaders(request, HttpTraceContext.toHeaders(span))
          : request
        return Effect.tap(
          Effect.withParentSpan(send(sent), span, { captureStackTrace: false }),
          (response) =>
            Effect.sync(() => {
              span.attribute("http.response.status_code", response.status)
              headerAttributes(span, "response", response.headers, filter, redactedHeaders)
              if (response.status < 400 || response.status >= 600) {
                return
              }
              // The answer itself is a success; the span says the exchange failed (OpenTelemetry's rule).
              span.attribute("error.type", String(response.status))
              const failed = new HttpClientError.HttpClientError({
                reason: new HttpClientError.StatusCodeError({ request: sent, response }),
              })
              const at = fiber.getRef(References.TracerTimingEnabled)
                ? fiber.getRef(Clock.Clock).currentTimeNanosUnsafe()
                : BigInt(0)
              span.end(at, Exit.fail(failed))
            }),
        )
      }))
  })
