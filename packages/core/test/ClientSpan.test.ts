/**
 * `ClientSpan.around` re-implements the span `HttpClient.make` gives a request (see why in its
 * module). This test holds it to Effect's own: the same requests through both, over the same
 * in-memory send, must give spans of the same name, kind, attributes and end, and send the same
 * trace headers. An Effect upgrade that changes its span shows here, not in production traces.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Redacted, Tracer } from "effect"
import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import * as ClientSpan from "../src/transport/ClientSpan.js"
import { recordingTracer } from "./recordingTracer.js"

type Case = {
  readonly name: string
  readonly request: HttpClientRequest.HttpClientRequest
  readonly status: number
  /** Settings of the span, as a user would provide them. */
  readonly layer?: Layer.Layer<never>
}

const base = "http://127.0.0.1:8123"
const cases: ReadonlyArray<Case> = [
  {
    name: "a GET with parameters, one sent Redacted",
    request: HttpClientRequest.get(`${base}/a`, { urlParams: [["x", "1"], ["sign", Redacted.make("S3CRET")]] }),
    status: 200,
  },
  { name: "a 404: the span ends failed", request: HttpClientRequest.get(`${base}/missing`), status: 404 },
  { name: "a 503", request: HttpClientRequest.post(`${base}/p`), status: 503 },
  { name: "https on its default port, IPv6", request: HttpClientRequest.get("https://[::1]/s?q=2"), status: 201 },
  {
    name: "request headers let through by the filter, one of them redacted",
    request: HttpClientRequest.get(`${base}/h`, {
      headers: { "x-keep": "yes", authorization: "Bearer t", "x-drop": "no" },
    }),
    status: 200,
    layer: Layer.succeed(HttpClient.TracerHeaderFilter)((name) => name !== "x-drop"),
  },
  {
    name: "propagation off: no trace headers",
    request: HttpClientRequest.get(`${base}/quiet`),
    status: 200,
    layer: Layer.succeed(HttpClient.TracerPropagationEnabled)(false),
  },
  {
    name: "a custom span name",
    request: HttpClientRequest.get(`${base}/named`),
    status: 200,
    layer: Layer.succeed(HttpClient.SpanNameGenerator)((request) => `custom ${request.method}`),
  },
]

/** Sends nothing: answers `status`, and keeps the headers it was given. */
const inMemory = (status: number) => {
  const sent: Array<Record<string, string>> = []
  const send = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.sync(() => {
      sent.push({ ...request.headers })
      return HttpClientResponse.fromWeb(request, new Response("ok", { status, headers: { "x-answer": "1" } }))
    })
  return { sent, send }
}

const traced = (client: HttpClient.HttpClient, c: Case) =>
  Effect.gen(function*() {
    const { spans, tracer } = recordingTracer()
    yield* client.execute(c.request).pipe(Effect.withTracer(tracer), Effect.provide(c.layer ?? Layer.empty))
    const [span] = spans
    return {
      count: spans.length,
      name: span?.name,
      kind: span?.kind,
      attributes: Object.fromEntries(span?.attributes ?? []),
      failed: span?.status._tag === "Ended" && Exit.isFailure(span.status.exit),
      ended: span?.status._tag,
      span,
    }
  })

/** Trace headers name the span that was current: compare their form, not the random IDs. */
const traceHeaders = (headers: Record<string, string>, span: Tracer.Span | undefined) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      span === undefined ? value : value.replaceAll(span.traceId, "<trace>").replaceAll(span.spanId, "<span>"),
    ]),
  )

describe("ClientSpan.around, held to HttpClient.make's own span", () => {
  it.effect.each(cases)("$name", (c) =>
    Effect.gen(function*() {
      const theirs = inMemory(c.status)
      const ours = inMemory(c.status)
      const effects = HttpClient.make((request) => theirs.send(request))
      const ourClient = HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
        (prepared) => Effect.flatMap(prepared, (request) => ClientSpan.around(request, ours.send)),
        Effect.succeed,
      )
      const expected = yield* traced(effects, c)
      const got = yield* traced(ourClient, c)
      expect(got.count).toBe(expected.count)
      expect({ ...got, span: undefined }).toEqual({ ...expected, span: undefined })
      expect(traceHeaders(ours.sent[0]!, got.span)).toEqual(traceHeaders(theirs.sent[0]!, expected.span))
    }))
})
