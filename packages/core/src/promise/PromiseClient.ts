/**
 * The client for code that does not use Effect: the same implementation underneath (signing,
 * retries, pacing, batching), with methods that return Promises and an async iterable of
 * sessions. Failures reject with the very error classes of the Effect API (`InvalidSignature`,
 * `ReportNotReady`, …), so `error.name` and `error._tag` are the tag and the fields are the same.
 *
 * @example
 * ```ts
 * import { createPolyvClient, InvalidSignature } from "@polyv-stats/core"
 *
 * const polyv = createPolyvClient({ appId: "g4rqgmmjuo", appSecret: process.env.POLYV_APP_SECRET! })
 * try {
 *   for await (const session of polyv.sessions("2272655", { from: new Date("2022-01-01") })) {
 *     console.log(session.sessionId)
 *   }
 * } catch (error) {
 *   if (error instanceof InvalidSignature) console.error("check the app secret")
 * } finally {
 *   await polyv.close()
 * }
 * ```
 * @module
 */
import { Duration, Effect, Layer, ManagedRuntime, Redacted, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { type ClientSettings, type EndpointCalls, PolyvClient, type PolyvClientService } from "../client/PolyvClient.js"
import type { AnyEndpoint, DataOf, ParamsOf } from "../contract/Endpoint.js"
import { type EndpointName, endpoints, type Session } from "../contract/index.js"
import type { SessionsOptions } from "../pagination/SessionStream.js"
import * as NodeTransport from "../transport/NodeTransport.js"
import type { WaitProgress } from "../waiter/ReportWaiter.js"

/** What `createPolyvClient` takes: the secret as a plain string (it is wrapped in `Redacted` at once). */
export interface PromiseClientOptions extends ClientSettings {
  readonly appId: string
  readonly appSecret: string
  /**
   * Sends the client's requests through Effect's `FetchHttpClient` with this `fetch` (tests pass
   * the mock's in-process `mock.fetch`). Without it, they go over the Node transport.
   */
  readonly fetch?: typeof globalThis.fetch | undefined
}

type Unwrap<F> = F extends (...args: infer A) => import("effect").Effect.Effect<infer R, any, any> ?
  (...args: A) => Promise<R>
  : never

/**
 * One Promise per endpoint of the contract: {@link EndpointCalls} unwrapped, each method showing its
 * `Contract.EndpointsByName` entry's TSDoc.
 */
export type PromiseCalls = { readonly [K in keyof EndpointCalls]: Unwrap<EndpointCalls[K]> }

/** The Promise client: {@link PromiseCalls}, and what is built on them. */
export interface PromisePolyvClient extends PromiseCalls {
  readonly liveDuration: Unwrap<PolyvClientService["liveDuration"]>
  /** The report file's bytes, whole (see {@link PolyvClientService.downloadReport}). */
  readonly downloadReport: (url: string) => Promise<Uint8Array>
  /** Every session in the range, newest first, fetched page by page as you iterate. */
  readonly sessions: (
    channelId: string,
    options?: SessionsOptions,
  ) => AsyncIterable<Session>
  /** Polls until the report is ready; `deadline` in ms or as a duration string ("5 minutes"). */
  readonly waitForReport: (
    channelId: string,
    sessionId: string,
    options?: { readonly deadline?: Duration.Input; readonly onProgress?: (progress: WaitProgress) => void },
  ) => Promise<string>
  /** Releases the client's resources. */
  readonly close: () => Promise<void>
}

/**
 * Creates the Promise client: Polyv's statistics for code that does not use Effect. It is the
 * Effect client ({@link PolyvClient}) run for you, so it signs, paces and retries the same way.
 *
 * - **Options:** `appId` and `appSecret` (the secret stays inside: never printed, logged or put in
 *   an error), and the same settings as the Effect client: `baseUrl` (default Polyv's), `timeout`
 *   per attempt, `retry` (network failures, timeouts, 5xx and rate limits, with backoff), and
 *   `rateLimit` (by default a pace below Polyv's quota). `fetch` sends through that
 *   function instead of Node's transport (tests pass the mock's `mock.fetch`).
 * - **Calls:** one method per endpoint of the contract (`sessionList`, `liveDurations`,
 *   `yunduoSummary`, `micHistory`, `exportReport`), each taking the endpoint's parameters and
 *   resolving to its `data`; and helpers built on them: `liveDuration` (one channel, batched with
 *   other calls), `sessions` (every session of a range as an async iterable, page by page),
 *   `waitForReport` (polls until a report is ready) and `downloadReport` (the file's bytes).
 * - **Errors:** a call rejects with one class per failure Polyv reports (`InvalidSignature`,
 *   `IllegalChannelId`, …), a `TransportError` (with the system `code`, e.g. `ECONNREFUSED`), an
 *   `UnexpectedResponse`, or an `InvalidParameter` refused before sending: all extend
 *   `PolyvErrorBase`, so `error instanceof PolyvErrorBase` (or `isPolyvError(error)`) is "any
 *   Polyv error".
 * - **Close** it when done: `close` ends the keep-alive connections, so the process can exit.
 *
 * @example
 * ```ts
 * import { createPolyvClient } from "@polyv-stats/core"
 *
 * const polyv = createPolyvClient({ appId: "g4rqgmmjuo", appSecret: process.env.POLYV_APP_SECRET ?? "" })
 * const duration = await polyv.liveDuration("2272655")
 * await polyv.close()
 * ```
 */
export const createPolyvClient = (options: PromiseClientOptions): PromisePolyvClient => {
  const { appSecret, fetch, ...settings } = options
  const transport = fetch === undefined
    ? NodeTransport.layer
    : FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch)))
  const runtime = ManagedRuntime.make(
    PolyvClient.layer({ ...settings, appSecret: Redacted.make(appSecret) }).pipe(Layer.provide(transport)),
  )
  const run = <A>(f: (polyv: PolyvClientService) => Effect.Effect<A, unknown>): Promise<A> =>
    runtime.runPromise(PolyvClient.use(f))
  // One function per endpoint, made here once, each running the Effect client's call of that
  // endpoint. The loop fills every key (`endpoints` holds every entry of `EndpointsByName`).
  const bound = {} as Record<EndpointName, (params: ParamsOf<AnyEndpoint>) => Promise<DataOf<AnyEndpoint>>>
  for (const endpoint of endpoints) bound[endpoint.name] = (params) => run((p) => p.call(endpoint, params))
  const calls: PromiseCalls = bound
  return {
    ...calls,
    liveDuration: (channelId) => run((p) => p.liveDuration(channelId)),
    downloadReport: (url) => run((p) => p.downloadReport(url)),
    sessions: (channelId, sessionsOptions) => ({
      [Symbol.asyncIterator]: () => {
        const stream = Stream.unwrap(PolyvClient.use((p) => Effect.succeed(p.sessions(channelId, sessionsOptions))))
        const iterable = runtime.runPromise(Stream.toAsyncIterableEffect(stream))
        let iterator: AsyncIterator<Session> | undefined
        return {
          next: async () => (iterator ??= (await iterable)[Symbol.asyncIterator]()).next(),
          return: async () => (iterator?.return ? iterator.return() : { done: true as const, value: undefined }),
        }
      },
    }),
    waitForReport: (channelId, sessionId, waitOptions) =>
      run((p) =>
        p.waitForReport(channelId, sessionId, {
          deadline: waitOptions?.deadline,
          onProgress: waitOptions?.onProgress
            ? (progress) => Effect.sync(() => waitOptions.onProgress!(progress))
            : undefined,
        })
      ),
    close: () => runtime.dispose(),
  }
}
