/**
 * Client-side pacing below Polyv's quota (1500 requests per 10 s per IP; over it, Polyv blocks the
 * IP for 5 minutes). One pacer per client layer, shared by every call made through it; calls over
 * the limit wait for the next window rather than fail.
 *
 * @module
 */
import { Duration, Effect, Layer } from "effect"
import { RateLimiter } from "effect/persistence"

/** Polyv's documented quota. */
export const polyvQuota = { limit: 1500, window: Duration.seconds(10) } as const

/** A limit of `limit` requests per `window`. */
export interface RateLimit {
  readonly limit: number
  readonly window: Duration.Input
}

/** The default keeps a margin below the quota for other tools sharing the IP. */
export const defaultRateLimit: RateLimit = { limit: 1200, window: polyvQuota.window }

/** Something that delays an effect until the pacer allows it. */
export type Pacer = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

/** A pacer with its own in-memory window; `false` gives one that never waits. */
export const makePacer = (limit: RateLimit | false): Effect.Effect<Pacer> =>
  limit === false ? Effect.succeed((effect) => effect) : Effect.gen(function*() {
    const withLimiter = yield* RateLimiter.makeWithRateLimiter.pipe(
      Effect.provide(RateLimiter.layer.pipe(Layer.provide(RateLimiter.layerStoreMemory))),
    )
    const pace = withLimiter({
      key: "polyv",
      limit: limit.limit,
      window: limit.window,
      onExceeded: "delay",
      algorithm: "fixed-window",
    })
    // The in-memory store cannot fail; a failure here would be a defect, not a Polyv error.
    return <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      pace(effect).pipe(Effect.catchTag("RateLimiterError", (e) => Effect.die(e))) as Effect.Effect<A, E, R>
  })
