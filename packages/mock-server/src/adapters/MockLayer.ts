/**
 * The mock as Effect layers: in-process, as the `HttpClient` a `PolyvClient.layer` sends its
 * requests through (no port, no `fetch`, no `Response`; see `InProcessClient`), and served on a
 * socket for the life of a scope.
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
 * const program = PolyvClient.use((polyv) => polyv.liveDuration("1000001")).pipe(
 *   Effect.provide(PolyvClient.layer({ appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) })),
 *   Effect.provide(MockLayer.inProcess({ seed: "docs" })),
 * )
 * ```
 * @module
 */
import { Clock, Context, Effect, Layer, type Scope } from "effect"
import { HttpClient } from "effect/http"
import type { MockOptions } from "../MockOptions.js"
import { PolyvMock } from "../PolyvMock.js"
import * as InProcessClient from "./InProcessClient.js"
import { type RunningMock, type ServeOptions, startServer } from "./NodeServer.js"

/** The in-process mock, for tests that want to look at its world, journal or clock. */
export class Mock extends Context.Service<Mock, PolyvMock>()("@polyv-stats/mock-server/Mock") {}

/** The mock served on a socket (see {@link layerServer}). */
export class MockServer extends Context.Service<MockServer, RunningMock>()("@polyv-stats/mock-server/MockServer") {}

/**
 * The mock in-process, reading time from Effect's `Clock` (so `TestClock` drives both the client's
 * timestamps and the mock's checks) unless `options.clock` is given, and sleeping latency faults
 * on that same clock unless `options.sleep` is given. Provides the mock itself and the
 * `HttpClient` that answers every request with it, whatever its URL's host.
 */
export const inProcess = (options: MockOptions = {}): Layer.Layer<Mock | HttpClient.HttpClient> => {
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
  const client = Layer.effect(
    HttpClient.HttpClient,
    Effect.gen(function*() {
      const clock = yield* Clock.Clock
      const given = options.sleep
      const sleep = given === undefined ?
        (millis: number) => sleepOn(clock, millis) :
        (millis: number) => Effect.promise(() => given(millis))
      const polyv = yield* Mock
      return InProcessClient.make((request) => polyv.respond(request), sleep)
    }),
  )
  return client.pipe(Layer.provideMerge(mock))
}

const sleepOn = (clock: Clock.Clock, millis: number) =>
  Effect.sleep(millis).pipe(Effect.provideService(Clock.Clock, clock))

/** The mock on a socket, closed when the scope closes. */
export const serve = (options: ServeOptions = {}): Effect.Effect<RunningMock, never, Scope.Scope> =>
  Effect.acquireRelease(Effect.promise(() => startServer(options)), (running) => Effect.promise(running.close))

/** The mock on a socket (port 0 unless told otherwise) as a layer: it listens while the layer lives. */
export const layerServer = (options: ServeOptions = {}): Layer.Layer<MockServer> =>
  Layer.effect(MockServer, serve(options))
