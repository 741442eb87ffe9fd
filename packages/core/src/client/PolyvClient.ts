/**
 * The Polyv client service: one call per endpoint, each signed with a fresh timestamp from
 * Effect's `Clock`, sent with `effect/http`, and answered with decoded data or a tagged error.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { PolyvClient } from "@polyv-stats/core"
 *
 * const program = Effect.gen(function*() {
 *   const polyv = yield* PolyvClient
 *   const page = yield* polyv.sessionList({ channelId: "2272655", pageSize: 10 })
 *   return page.contents.map((s) => s.sessionId)
 * })
 *
 * program.pipe(
 *   Effect.provide(PolyvClient.layer({ appId: "g4rqgmmjuo", appSecret: Redacted.make("…") })),
 *   Effect.runPromise,
 * )
 * ```
 * @module
 */
import { Clock, Config, Context, Effect, Layer, Random, Redacted, Schema, SchemaIssue } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import type { AnyEndpoint, DataOf, ParamsOf } from "../contract/Endpoint.js"
import { exportReport, liveDurations, micHistory, sessionList, yunduoSummary } from "../contract/index.js"
import * as Envelope from "../envelope/Envelope.js"
import type { InvalidParameter } from "../errors/InvalidParameter.js"
import { type PolyvError, TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import type { SignatureMethod } from "../signing/Signer.js"
import { type Credentials, encodeParams, signParams } from "./RequestSigning.js"

/** Polyv's API host. */
export const defaultBaseUrl = "https://api.polyv.net"

/** How to reach Polyv and sign for it. */
export interface PolyvClientOptions {
  readonly appId: string
  /** Never leaves this process except as a digest; kept `Redacted` so it cannot be printed. */
  readonly appSecret: Redacted.Redacted<string>
  /** Defaults to {@link defaultBaseUrl}; point it at the mock for tests. */
  readonly baseUrl?: string | undefined
  /** Defaults to MD5. */
  readonly signatureMethod?: SignatureMethod | undefined
  /**
   * Send a fresh random `signatureNonce` with every request (signed too), so a captured request
   * cannot be replayed within its 3-minute window. Default: off, as Polyv's own SDKs.
   */
  readonly signatureNonce?: boolean | undefined
}

/** What a call can fail with. */
export type CallError = PolyvError | InvalidParameter

/** A call to one endpoint. */
export type Call<E extends AnyEndpoint> = (params: ParamsOf<E>) => Effect.Effect<DataOf<E>, CallError>

/** The client. */
export interface PolyvClientService {
  /** Calls any endpoint of the contract. */
  readonly call: <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>) => Effect.Effect<DataOf<E>, CallError>
  /** Page 000: a session report's download URL (or `ReportNotReady`). */
  readonly exportReport: Call<typeof exportReport>
  /** Page 001: peak concurrent viewers across users. */
  readonly yunduoSummary: Call<typeof yunduoSummary>
  /** Page 002: all-time live seconds per channel. */
  readonly liveDurations: Call<typeof liveDurations>
  /** Page 003: co-host minutes in a date range. */
  readonly micHistory: Call<typeof micHistory>
  /** Page 004: one page of a channel's sessions. */
  readonly sessionList: Call<typeof sessionList>
}

/** The client service tag. */
export class PolyvClient extends Context.Service<PolyvClient, PolyvClientService>()("@polyv-stats/core/PolyvClient") {
  /** A client with explicit options, over `FetchHttpClient`. */
  static readonly layer = (options: PolyvClientOptions): Layer.Layer<PolyvClient> =>
    Layer.effect(PolyvClient, make(options)).pipe(Layer.provide(FetchHttpClient.layer))

  /**
   * A client configured from `POLYV_APP_ID`, `POLYV_APP_SECRET` (redacted) and `POLYV_BASE_URL`
   * (default {@link defaultBaseUrl}), or from the `Config` you pass.
   */
  static readonly layerConfig = (
    config: Config.Config<PolyvClientOptions> = defaultConfig,
  ): Layer.Layer<PolyvClient, Config.ConfigError> =>
    Layer.effect(PolyvClient, Effect.flatMap(config, make)).pipe(Layer.provide(FetchHttpClient.layer))
}

/** The default configuration: `POLYV_APP_ID`, `POLYV_APP_SECRET`, `POLYV_BASE_URL`. */
export const defaultConfig: Config.Config<PolyvClientOptions> = Config.all({
  appId: Config.String("POLYV_APP_ID"),
  appSecret: Config.Redacted("POLYV_APP_SECRET"),
  baseUrl: Config.String("POLYV_BASE_URL").pipe(Config.withDefault(defaultBaseUrl)),
})

const formatIssue = SchemaIssue.makeFormatterDefault()

/** 32 hex digits from Effect's `Random`, so tests can seed it. */
const randomNonce = Effect.map(
  Effect.all(Array.from({ length: 4 }, () => Random.nextIntBetween(0, 0xffffffff))),
  (words) => words.map((w) => w.toString(16).padStart(8, "0")).join(""),
)

/** Strips query strings from a message: a request URL carries the sign. */
const withoutQuery = (text: string) => text.replace(/\?\S*/g, "?…")

const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ""
  return `${cause.message}${inner}`
}

/** Builds the client from options; needs an `HttpClient`. */
export const make = (options: PolyvClientOptions): Effect.Effect<PolyvClientService, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const base = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "")
    const credentials: Credentials = options

    const call = <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>) =>
      Effect.gen(function*() {
        const wire = yield* encodeParams(endpoint, params)
        const timestamp = yield* Clock.currentTimeMillis
        const nonce = options.signatureNonce ? yield* randomNonce : undefined
        const signed = signParams(credentials, wire, timestamp, nonce)
        const request = HttpClientRequest.get(base + endpoint.path, { urlParams: signed, acceptJson: true })
        const transportError = (error: { readonly reason: { readonly _tag: string; readonly cause?: unknown } }) =>
          new TransportError({
            endpoint: endpoint.name,
            message: withoutQuery(`${error.reason._tag}: ${describeCause(error.reason.cause)}`),
          })
        const response = yield* http.execute(request).pipe(Effect.mapError(transportError))
        // A server may echo the request URL (and so the sign) in its body; errors quote the body.
        const sign = signed[signed.length - 1]![1]
        const text = (yield* response.text.pipe(Effect.mapError(transportError))).split(sign).join("<redacted>")
        const data = yield* Effect.fromResult(Envelope.read(endpoint.envelope, endpoint.name, response.status, text))
        return yield* Schema.decodeUnknownEffect(endpoint.data)(data).pipe(
          Effect.mapError((error) =>
            new UnexpectedResponse({
              endpoint: endpoint.name,
              httpStatus: response.status,
              message: `data does not match the ${endpoint.name} contract: ${formatIssue(error.issue)}`,
              body: text.slice(0, 200),
            })
          ),
        )
      }) as Effect.Effect<DataOf<E>, CallError>

    return PolyvClient.of({
      call,
      exportReport: (params) => call(exportReport, params),
      yunduoSummary: (params) => call(yunduoSummary, params),
      liveDurations: (params) => call(liveDurations, params),
      micHistory: (params) => call(micHistory, params),
      sessionList: (params) => call(sessionList, params),
    })
  })
