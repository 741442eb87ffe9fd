/**
 * Which failures deserve another attempt, and how long to wait before it. Polyv's own SDKs never
 * retry; this client retries what is transient and nothing else.
 *
 * | failure | retried? | why |
 * |---|---|---|
 * | `TransportError` (refused, reset, DNS, per-request timeout, a body cut short) | yes | the network, not the request |
 * | `ServerError` (5xx, `status:"fail"`, an unreadable 5xx body) | yes | Polyv's side |
 * | `RateLimited` (`qps exceeds number of calls`) | yes, 10× longer delays | over the quota; Polyv blocks an IP for minutes |
 * | `InvalidTimestamp` | once, at once, re-signed with a fresh clock reading | clock skew at a minute edge |
 * | `InvalidSignature`, `ApplicationNotFound`, `AppIdRequired`, `ParamValidateError`, `IllegalChannelId`, `InvalidParameter` | never | the same request fails the same way |
 * | `ReportNotReady` | not here | `PolyvClient.waitForReport` polls for it with a deadline |
 * | `UnexpectedResponse` | only with a 5xx status, and never one refused for its size | a complete 2xx/4xx answer of the wrong shape will not change; no Polyv answer is that large |
 *
 * @example
 * ```ts
 * import { Schedule } from "effect"
 * import { PolyvClient, RetryPolicy } from "@polyv-stats/core"
 *
 * // Three quick retries instead of the default.
 * PolyvClient.layerConfigNode({ retry: { schedule: Schedule.spaced("100 millis").pipe(Schedule.upTo({ times: 3 })) } })
 * RetryPolicy.isTransient // the filter every schedule is combined with
 * ```
 * @module
 */
import { Duration, Effect, Schedule } from "effect"
import type { CallError } from "../errors/CallError.js"

/** The first delay of the default schedule; each next one doubles. */
export const baseDelay = Duration.millis(500)

/** Rate-limited attempts wait this many times longer. */
export const rateLimitedFactor = 10

/** No single wait is longer than this. */
export const maxDelay = Duration.seconds(30)

/** Retries after the first attempt, at most. */
export const maxRetries = 5

/** How long one attempt may take before it counts as a (retryable) transport failure. */
export const defaultTimeout = Duration.seconds(30)

/** Whether a failure may succeed if the same request is sent again later. */
export const isTransient = (error: CallError): boolean => {
  switch (error._tag) {
    case "TransportError":
    case "ServerError":
    case "RateLimited":
      return true
    case "UnexpectedResponse":
      return error.httpStatus >= 500 && error.bodyLimit === undefined
    default:
      return false
  }
}

/**
 * The default schedule: exponential from {@link baseDelay}, ten times longer after a rate limit,
 * jittered (×0.8–1.2), each wait capped at {@link maxDelay}, at most {@link maxRetries} retries.
 */
export const defaultSchedule: Schedule.Schedule<unknown, CallError> = Schedule.exponential(baseDelay).pipe(
  Schedule.setInputType<CallError>(),
  Schedule.modifyDelay(({ input, duration }) =>
    Effect.succeed(input._tag === "RateLimited" ? Duration.times(duration, rateLimitedFactor) : duration)
  ),
  Schedule.jittered,
  Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, maxDelay))),
  Schedule.upTo({ times: maxRetries }),
)

/** How a client retries. */
export interface RetryOptions {
  /**
   * Delays and the attempt cap. Whatever the schedule, only {@link isTransient} failures are
   * retried. Default: {@link defaultSchedule}.
   */
  readonly schedule?: Schedule.Schedule<unknown, CallError> | undefined
}

/**
 * Applies the policy to one attempt (which must sign afresh each time it runs): the clock-skew
 * retry, then the schedule over transient failures.
 */
export const withRetries =
  (options: RetryOptions | false | undefined) =>
  <A, R>(attempt: Effect.Effect<A, CallError, R>): Effect.Effect<A, CallError, R> => {
    const skewTolerant = attempt.pipe(Effect.catchTag("InvalidTimestamp", () => attempt))
    if (options === false) return skewTolerant
    const policy = { schedule: options?.schedule ?? defaultSchedule, while: isTransient }
    // The schedule is only set up once an attempt has failed (most calls never do): the retry loop
    // then starts with that failure, as `Effect.retry` around the whole would have. Its clock
    // readings start at the first step either way.
    return Effect.catch(skewTolerant, (first) => {
      if (!isTransient(first)) return Effect.fail(first)
      let failed = false
      const again = Effect.suspend(() => {
        if (failed) return skewTolerant
        failed = true
        return Effect.fail(first)
      })
      return Effect.retry(again, policy)
    })
  }
