/**
 * The Polyv client service: one call per endpoint of the contract (derived from
 * `Contract.EndpointsByName`, see {@link EndpointCalls}), plus the session stream, the report
 * waiter and batched durations, each wired in its own module. Every call is signed with a fresh
 * timestamp from Effect's `Clock`, paced below Polyv's quota, retried when the failure is
 * transient, and traced in a span named after its endpoint.
 *
 * @example
 * ```ts
 * import { Effect, Redacted, Stream } from "effect"
 * import { PolyvClient } from "@polyv-stats/core"
 *
 * const program = Effect.gen(function*() {
 *   const polyv = yield* PolyvClient
 *   const all = yield* Stream.runCollect(polyv.sessions("2272655", { from: new Date("2022-01-01") }))
 *   const live = yield* polyv.liveDuration("2272655")
 *   return [all.length, live.duration]
 * })
 *
 * program.pipe(
 *   Effect.provide(PolyvClient.layerNode({ appId: "g4rqgmmjuo", appSecret: Redacted.make("…") })),
 *   Effect.runPromise,
 * )
 * ```
 * @module
 */
import { Config, Context, Duration, Effect, FileSystem, Layer, Redacted, Stream } from "effect"
import { HttpClient } from "effect/http"
import { defaultBatchSize, liveDurationWith } from "../batching/LiveDurationBatcher.js"
import type { AnyEndpoint, Call, DataOf, ParamsOf } from "../contract/Endpoint.js"
import {
  type EndpointName,
  endpoints,
  type EndpointsByName,
  type LiveDuration,
  type Session,
} from "../contract/index.js"
import type { CallError } from "../errors/CallError.js"
import type { TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import type { FileWriteError } from "../files/FileWriteError.js"
import { defaultRateLimit, makePacer, type RateLimit } from "../pacing/Pacing.js"
import { type SessionsOptions, sessionsWith } from "../pagination/SessionStream.js"
import { defaultTimeout, type RetryOptions, withRetries } from "../retry/RetryPolicy.js"
import type { SignatureMethod } from "../signing/Signer.js"
import * as NodeTransport from "../transport/NodeTransport.js"
import * as ReportDownload from "../waiter/ReportDownload.js"
import { type ReportWaitTimedOut, waitForReportWith, type WaitOptions } from "../waiter/ReportWaiter.js"
import { makeAttempt } from "./Attempt.js"

/** Polyv's API host. */
export const defaultBaseUrl = "https://api.polyv.net"

/** How the client behaves; everything but the credentials has a default. */
export interface ClientSettings {
  /** Defaults to {@link defaultBaseUrl}; point it at the mock for tests. */
  readonly baseUrl?: string | undefined
  /** Defaults to MD5. */
  readonly signatureMethod?: SignatureMethod | undefined
  /**
   * Send a fresh random `signatureNonce` with every request (signed too), so a captured request
   * cannot be replayed within its 3-minute window. Default: off, as Polyv's own SDKs.
   */
  readonly signatureNonce?: boolean | undefined
  /**
   * Per attempt; a timeout is a retryable `TransportError`. Default: `RetryPolicy.defaultTimeout`. A report download
   * uses it as an inactivity timeout: for the answer, then for each next chunk of the file.
   */
  readonly timeout?: Duration.Input | undefined
  /** Default: `RetryPolicy.defaultSchedule` over transient failures. `false`: never retry. */
  readonly retry?: RetryOptions | false | undefined
  /** Client-side pacing. Default: `Pacing.defaultRateLimit`, below Polyv's quota (`Pacing.polyvQuota`). `false`: none. */
  readonly rateLimit?: RateLimit | false | undefined
  /** Channel IDs per durations call when batching {@link PolyvClientService.liveDuration}. Default: {@link defaultBatchSize}. */
  readonly batchSize?: number | undefined
}

/** How to reach Polyv and sign for it. */
export interface PolyvClientOptions extends ClientSettings {
  readonly appId: string
  /** Never leaves this process except inside a digest; `Redacted` so it cannot be printed. */
  readonly appSecret: Redacted.Redacted<string>
}

export type { Call } from "../contract/Endpoint.js"

/**
 * One call per endpoint of the contract, named as the contract names it; each shows its
 * `Contract.EndpointsByName` entry's TSDoc. An endpoint added to the contract gets its method here
 * (and in the Promise client) with no line of client code.
 */
export type EndpointCalls = { readonly [K in keyof EndpointsByName]: Call<EndpointsByName[K]> }

/** The client: {@link EndpointCalls}, and what is built on them. */
export interface PolyvClientService extends EndpointCalls {
  /** Calls any endpoint of the contract. */
  readonly call: <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>) => Effect.Effect<DataOf<E>, CallError>
  /** Every session of a channel in a range of any length, newest first, across 60-day windows and pages. */
  readonly sessions: (channelId: string, options?: SessionsOptions) => Stream.Stream<Session, CallError>
  /** One channel's live duration; concurrent calls are batched into calls of `batchSize` channels. */
  readonly liveDuration: (channelId: string) => Effect.Effect<LiveDuration, CallError>
  /** Polls the export endpoint until the report is ready or the deadline passes. */
  readonly waitForReport: (
    channelId: string,
    sessionId: string,
    options?: WaitOptions,
  ) => Effect.Effect<string, CallError | ReportWaitTimedOut>
  /**
   * The report file at a URL from the report export call or {@link waitForReport}, whole: a body cut
   * off, shorter than its `Content-Length` or silent for the client's `timeout` is a
   * `TransportError`; a URL that is not http(s), or a body that is not shaped like an xlsx (empty,
   * cut short without a length to tell, compressed), an `UnexpectedResponse`. Redirects are
   * followed (at most `ReportDownload.maxRedirects` hops, http(s) only). `onProgress` is called for every chunk received.
   */
  readonly downloadReport: (
    url: string,
    onProgress?: (progress: ReportDownload.DownloadProgress) => Effect.Effect<void>,
  ) => Effect.Effect<Uint8Array, TransportError | UnexpectedResponse>
  /**
   * Streams the report file to a path, atomically: into a `.partial` file beside it, renamed over
   * the path only once the body is complete, shaped like an xlsx, and flushed (see `AtomicFile`).
   * On any failure, timeout or interruption the `.partial` file is removed and a file already at
   * the path is left as it was. A path that is no regular file, is write-protected or cannot be
   * created is refused (`FileWriteError`) before the URL is asked. The client's `timeout` bounds
   * the wait for each answer and for each next chunk. Returns the bytes written.
   */
  readonly downloadReportTo: (
    url: string,
    path: string,
    onProgress?: (progress: ReportDownload.DownloadProgress) => Effect.Effect<void>,
  ) => Effect.Effect<
    number,
    TransportError | UnexpectedResponse | FileWriteError,
    FileSystem.FileSystem
  >
}

/** The client service tag. */
export class PolyvClient extends Context.Service<PolyvClient, PolyvClientService>()("@polyv-stats/core/PolyvClient") {
  /**
   * A client with explicit options, over the `HttpClient` provided to it: {@link NodeTransport}
   * ({@link PolyvClient.layerNode} provides it), Effect's `FetchHttpClient`, the mock's in-process
   * client (`MockLayer.inProcess`), or one of your own.
   *
   * @example
   * ```ts
   * import { PolyvClient } from "@polyv-stats/core"
   * import { Layer, Redacted } from "effect"
   * import { FetchHttpClient } from "effect/http"
   *
   * const overFetch = PolyvClient.layer({ appId: "g4rqgmmjuo", appSecret: Redacted.make("…") }).pipe(
   *   Layer.provide(FetchHttpClient.layer),
   * )
   * ```
   */
  static readonly layer = (options: PolyvClientOptions): Layer.Layer<PolyvClient, never, HttpClient.HttpClient> =>
    Layer.effect(PolyvClient, make(options))

  /**
   * A client whose credentials come from `POLYV_APP_ID`, `POLYV_APP_SECRET` (redacted) and
   * `POLYV_BASE_URL` (default {@link defaultBaseUrl}), with the other settings given here, over the
   * `HttpClient` provided to it ({@link PolyvClient.layerConfigNode} provides the Node transport).
   *
   * @example
   * ```ts
   * import { PolyvClient } from "@polyv-stats/core"
   * import { Layer } from "effect"
   * import { FetchHttpClient } from "effect/http"
   *
   * const configured = PolyvClient.layerConfig({ timeout: "10 seconds" }).pipe(Layer.provide(FetchHttpClient.layer))
   * ```
   */
  static readonly layerConfig = (
    settings: Omit<ClientSettings, "baseUrl"> = {},
  ): Layer.Layer<PolyvClient, Config.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(PolyvClient, Effect.flatMap(credentialsConfig, (credentials) => make({ ...settings, ...credentials })))

  /**
   * {@link PolyvClient.layer} over the Node transport ({@link NodeTransport}: `node:http(s)` with
   * keep-alive agents, closed with the layer): what a program on Node wants.
   *
   * @example
   * ```ts
   * import { PolyvClient } from "@polyv-stats/core"
   * import { Effect, Redacted } from "effect"
   *
   * const duration = PolyvClient.use((polyv) => polyv.liveDuration("2272655")).pipe(
   *   Effect.provide(PolyvClient.layerNode({ appId: "g4rqgmmjuo", appSecret: Redacted.make("…") })),
   * )
   * ```
   */
  static readonly layerNode = (options: PolyvClientOptions): Layer.Layer<PolyvClient> =>
    PolyvClient.layer(options).pipe(Layer.provide(NodeTransport.layer))

  /**
   * {@link PolyvClient.layerConfig} over the Node transport ({@link NodeTransport}).
   *
   * @example
   * ```ts
   * import { PolyvClient } from "@polyv-stats/core"
   * import { Effect } from "effect"
   *
   * const duration = PolyvClient.use((polyv) => polyv.liveDuration("2272655")).pipe(
   *   Effect.provide(PolyvClient.layerConfigNode()),
   * )
   * ```
   */
  static readonly layerConfigNode = (
    settings: Omit<ClientSettings, "baseUrl"> = {},
  ): Layer.Layer<PolyvClient, Config.ConfigError> =>
    PolyvClient.layerConfig(settings).pipe(Layer.provide(NodeTransport.layer))
}

/**
 * The environment variables `layerConfig` reads the credentials from.
 *
 * @example
 * ```ts
 * import { credentialsEnv } from "@polyv-stats/core"
 *
 * const configured = process.env[credentialsEnv.appId] !== undefined
 * ```
 */
export const credentialsEnv = {
  appId: "POLYV_APP_ID",
  appSecret: "POLYV_APP_SECRET",
  baseUrl: "POLYV_BASE_URL",
} as const

/** The credentials `layerConfig` reads. */
export const credentialsConfig = Config.all({
  appId: Config.String(credentialsEnv.appId),
  appSecret: Config.Redacted(credentialsEnv.appSecret),
  baseUrl: Config.String(credentialsEnv.baseUrl).pipe(Config.withDefault(defaultBaseUrl)),
})

/**
 * Span attributes: the endpoint's path, and which channel or session a call is about (never the
 * secret or the sign). One object a call, filled in place (see ARCHITECTURE.md, "Hot paths").
 */
const spanAttributes = (path: string, params: unknown): Record<string, string> => {
  const attributes: Record<string, string> = { "polyv.endpoint": path }
  const p = params as Record<string, unknown>
  if (typeof p.channelId === "string") attributes["polyv.channel_id"] = p.channelId
  if (typeof p.sessionId === "string") attributes["polyv.session_id"] = p.sessionId
  if (Array.isArray(p.channelIds)) attributes["polyv.channel_ids"] = p.channelIds.join(",")
  return attributes
}

/** The frame a span would capture is always the same line of `call`; capturing it costs an `Error` per call. */
const noStackTrace = { captureStackTrace: false } as const

/** Builds the client from options, over the `HttpClient` in the context ({@link PolyvClient.layer} as an effect). */
export const make = (options: PolyvClientOptions): Effect.Effect<PolyvClientService, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const timeout = Duration.fromInputUnsafe(options.timeout ?? defaultTimeout)
    const attempt = makeAttempt(http, {
      appId: options.appId,
      appSecret: options.appSecret,
      signatureMethod: options.signatureMethod,
      baseUrl: (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
      signatureNonce: options.signatureNonce ?? false,
      timeout,
    })
    const pace = yield* makePacer(options.rateLimit ?? defaultRateLimit)
    const retry = withRetries(options.retry)

    const call = <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>) =>
      retry(pace(attempt(endpoint, params))).pipe(
        Effect.withSpan(`polyv.${endpoint.name}`, {
          attributes: spanAttributes(endpoint.path, params),
        }, noStackTrace),
      ) as Effect.Effect<DataOf<E>, CallError>

    // One function per endpoint, made here once: a call costs what `call` costs. The loop fills
    // every key (`endpoints` holds every entry of `EndpointsByName`); each function's types are
    // the endpoint's, which `EndpointCalls` states.
    const bound = {} as Record<
      EndpointName,
      (params: ParamsOf<AnyEndpoint>) => Effect.Effect<DataOf<AnyEndpoint>, CallError>
    >
    for (const endpoint of endpoints) bound[endpoint.name] = (params) => call(endpoint, params)
    const calls: EndpointCalls = bound
    const withHttp = Effect.provideService(HttpClient.HttpClient, http)

    return PolyvClient.of({
      call,
      ...calls,
      // Each feature picks the call it is built on.
      sessions: sessionsWith(calls),
      liveDuration: liveDurationWith(calls, options.batchSize ?? defaultBatchSize),
      waitForReport: waitForReportWith(calls),
      downloadReport: (url, onProgress) => withHttp(ReportDownload.downloadReport(url, { timeout, onProgress })),
      downloadReportTo: (url, path, onProgress) =>
        withHttp(ReportDownload.downloadReportTo(url, path, { timeout, onProgress })),
    })
  })
