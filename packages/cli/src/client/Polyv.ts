/**
 * The Polyv client an API command runs with: core's client over core's Node transport (the one
 * `PolyvClient.layerNode` gives every user of the library), configured from the shared flags.
 * With `--verbose`, every request and its answer is a line on stderr. Core sends the sign
 * `Redacted` (see core's `client/Attempt.ts`), so it prints masked; the app secret is never part
 * of a request at all.
 *
 * @module
 */
import { NodeTransport, PolyvClient } from "@polyv-stats/core"
import { Clock, Effect, Layer, Redacted } from "effect"
import { HttpClient, type HttpClientRequest } from "effect/http"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import type { ApiSettings } from "../flags/GlobalFlags.js"
import * as DataOut from "../output/DataOut.js"
import { Stderr } from "../output/Stderr.js"

/** The request line: method and URL, each Redacted parameter (the sign) shown as `***`. */
export const requestLine = (request: HttpClientRequest.HttpClientRequest): string => {
  const query = request.urlParams.params
    .map(([name, value]) =>
      `${encodeURIComponent(name)}=${Redacted.isRedacted(value) ? "***" : encodeURIComponent(value)}`
    )
    .join("&")
  return `${request.method} ${request.url}${query === "" ? "" : `?${query}`}`
}

const verboseHttp = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) =>
    client.pipe(
      HttpClient.transform((response, request) =>
        Effect.gen(function*() {
          const stderr = yield* Stderr
          const started = yield* Clock.currentTimeMillis
          stderr.line(`> ${requestLine(request)}`)
          const elapsed = Effect.map(Clock.currentTimeMillis, (now) => `${now - started} ms`)
          return yield* response.pipe(
            Effect.tap((r) =>
              Effect.map(elapsed, (ms) => stderr.line(`< ${r.status} ${r.headers["content-type"] ?? ""} in ${ms}`))
            ),
            Effect.tapError((e) =>
              Effect.map(elapsed, (ms) => stderr.line(`< no answer (${e.reason._tag}) after ${ms}`))
            ),
          )
        })
      ),
    )),
).pipe(Layer.provide(NodeTransport.layer))

/** The HTTP client for these settings: core's Node transport, logging each exchange with `--verbose`. */
export const httpLayer = (settings: ApiSettings): Layer.Layer<HttpClient.HttpClient> =>
  settings.verbose ? verboseHttp : NodeTransport.layer

/** The client for these settings (report downloads go through it too). */
export const layer = (settings: ApiSettings): Layer.Layer<PolyvClient> =>
  PolyvClient.layer(settings.client).pipe(Layer.provide(httpLayer(settings)))

/**
 * Reads the shared flags and runs `f` with the bare HTTP client they configure (`verify`, which
 * sends requests the client never would).
 */
export const withHttp = <A, E, R>(f: (settings: ApiSettings) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    GlobalFlags.resolve,
    (settings) => f(settings).pipe(Effect.provide(httpLayer(settings)), DataOut.to(settings.output)),
  )

/** Reads the shared flags and runs `f` with a client configured by them, its data where `--output` says. */
export const withClient = <A, E, R>(f: (settings: ApiSettings) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    GlobalFlags.resolve,
    (settings) => f(settings).pipe(Effect.provide(layer(settings)), DataOut.to(settings.output)),
  )
