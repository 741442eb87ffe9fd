/**
 * The mock as Effect layers: in-process (core's `InProcess.Server`, so a `PolyvClient` talks to it
 * with no port, no `fetch` and no `Response`; and the `fetch` of `FetchHttpClient`, for clients
 * built on that) and served on a socket for the life of a scope.
 *
 * In-process, the mock reads time from Effect's `Clock` and waits out latency faults with
 * `Effect.sleep`, so under `TestClock` nothing waits for real: `TestClock.adjust` moves the
 * client's timestamps, the mock's checks and any injected latency together.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { PolyvClient } from "@polyv-stats/core"
 * import { MockLayer, demoCredentials } from "@polyv-stats/mock-server"
 *
 * const program = PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1000001"] })).pipe(
 *   Effect.provide(PolyvClient.layer({ appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) })),
 *   Effect.provide(MockLayer.inProcess({ seed: "docs" })),
 * )
 * ```
 * @module
 */
import { InProcess } from "@polyv-stats/core"
import { Clock, Context, Effect, Layer, type Scope } from "effect"
import { FetchHttpClient } from "effect/http"
import type { MockOptions } from "../MockOptions.js"
import { PolyvMock } from "../PolyvMock.js"
import { connectionReset, inProcessClient, mockRequest } from "../protocol/MockRequest.js"
import { type RunningMock, type ServeOptions, startServer } from "./NodeServer.js"

/** The in-process mock, for tests that want to look at its world, journal or clock. */
export class Mock extends Context.Service<Mock, PolyvMock>()("@polyv-stats/mock-server/Mock") {}

/** The mock served on a socket (see {@link layerServer}). */
export class MockServer extends Context.Service<MockServer, RunningMock>()("@polyv-stats/mock-server/MockServer") {}

/**
 * The mock in-process, reading time from Effect's `Clock` (so `TestClock` drives both the client's
 * timestamps and the mock's checks) unless `options.clock` is given, and sleeping latency faults
 * on that same clock unless `options.sleep` is given. Provides the mock itself, the in-process
 * server that core's transport hands requests to, and the `fetch` that `FetchHttpClient` uses.
 */
export const inProcess = (options: MockOptions = {}): Layer.Layer<Mock> => {
  const mock = Layer.effect(
    Mock,
    Effect.gen(function*() {
      const clock = yield* Clock.Clock
      return new PolyvMock({
        ...options,
        clock: options.clock ?? (() => clock.currentTimeMillisUnsafe()),
        sleep: options.sleep ?? ((millis) => Effect.runPromise(sleepOn(clock, millis))),
      })
    }),
  )
  const server = Layer.effect(
    InProcess.Server,
    Effect.gen(function*() {
      const clock = yield* Clock.Clock
      const given = options.sleep
      const sleep = given === undefined ?
        (millis: number) => sleepOn(clock, millis) :
        (millis: number) => Effect.promise(() => given(millis))
      return serverOf(yield* Mock, sleep)
    }),
  )
  const fetch = Layer.effect(
    FetchHttpClient.Fetch,
    Effect.gen(function*() {
      return (yield* Mock).fetch as typeof globalThis.fetch
    }),
  )
  return Layer.merge(mock, Layer.merge(server, fetch).pipe(Layer.provide(mock)))
}

const sleepOn = (clock: Clock.Clock, millis: number) =>
  Effect.sleep(millis).pipe(Effect.provideService(Clock.Clock, clock))

const decoder = new TextDecoder()

/**
 * The mock as core's in-process server. A latency fault waits on an effect (a timeout interrupts
 * it like any other); a reset fault fails as a dropped connection.
 */
const serverOf = (mock: PolyvMock, sleep: (millis: number) => Effect.Effect<void>): InProcess.Server => (request) =>
  Effect.flatMap(
    Effect.promise(() =>
      mock.handle(mockRequest({
        method: request.method,
        path: request.url.pathname,
        query: request.url.search.slice(1),
        headers: request.headers,
        body: typeof request.body === "string" ? request.body : decoder.decode(request.body),
        client: inProcessClient,
      }))
    ),
    (answer) => {
      const delivered = answer.reset ? Effect.fail(connectionReset()) : Effect.succeed(answer)
      return answer.delayMillis === undefined ? delivered : Effect.andThen(sleep(answer.delayMillis), delivered)
    },
  )

/** The mock on a socket, closed when the scope closes. */
export const serve = (options: ServeOptions = {}): Effect.Effect<RunningMock, never, Scope.Scope> =>
  Effect.acquireRelease(Effect.promise(() => startServer(options)), (running) => Effect.promise(running.close))

/** The mock on a socket (port 0 unless told otherwise) as a layer: it listens while the layer lives. */
export const layerServer = (options: ServeOptions = {}): Layer.Layer<MockServer> =>
  Layer.effect(MockServer, serve(options))
