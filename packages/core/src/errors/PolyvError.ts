/**
 * One tagged error per failure the API can report, plus the failures of getting an answer at all.
 * Every error carries the request's context — the endpoint, the HTTP status, the body code, the
 * message and (v4) the requestId — and never the app secret or the request's sign, so errors are
 * safe to log, print and serialise.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { PolyvClient } from "@polyv-stats/core"
 *
 * const duration = PolyvClient.use((polyv) => polyv.liveDuration("2272655")).pipe(
 *   Effect.catchTag("InvalidSignature", (e) => Effect.die(`check POLYV_APP_SECRET (${e.message})`)),
 * )
 * ```
 * @module
 */
import { Data } from "effect"
import type { ApiFailureTag } from "./ApiFailures.js"
import type { InvalidParameter } from "./InvalidParameter.js"

/**
 * The one base of every error a Polyv call can fail with, so "any Polyv error" is one check in
 * code that does not use Effect (the Promise client rejects with these very classes).
 *
 * @example
 * ```ts
 * import { createPolyvClient, PolyvErrorBase } from "@polyv-stats/core"
 *
 * const polyv = createPolyvClient({ appId: "g4rqgmmjuo", appSecret: process.env.POLYV_APP_SECRET ?? "" })
 * try {
 *   await polyv.liveDuration("2272655")
 * } catch (error) {
 *   if (error instanceof PolyvErrorBase) console.error(error._tag, error.message)
 * } finally {
 *   await polyv.close()
 * }
 * ```
 */
export abstract class PolyvErrorBase extends Data.Error<{ readonly message: string }> {
  abstract readonly _tag: string
}

/** `Data.TaggedError`, over {@link PolyvErrorBase}: the same `_tag` and `name`, and one common base. */
export const PolyvTaggedError = <Tag extends string>(tag: Tag) => {
  class Tagged extends PolyvErrorBase {
    readonly _tag: Tag = tag
  }
  Tagged.prototype.name = tag
  return Tagged as unknown as new<A extends { readonly message: string }>(
    args: A,
  ) => PolyvErrorBase & { readonly _tag: Tag } & Readonly<A>
}

/**
 * Whether `u` is an error a Polyv call failed with (any of {@link PolyvError}, or an
 * `InvalidParameter` the client refused before sending).
 *
 * @example
 * ```ts
 * import { isPolyvError } from "@polyv-stats/core"
 *
 * const describe = (error: unknown) => (isPolyvError(error) ? `Polyv: ${error._tag}` : String(error))
 * ```
 */
export const isPolyvError = (u: unknown): u is PolyvError | InvalidParameter => u instanceof PolyvErrorBase

/** What every error reported in a Polyv envelope carries. */
export interface ApiErrorContext {
  /** The contract name of the endpoint that answered (a `Contract.EndpointName`). */
  readonly endpoint: string
  /** The HTTP status of the response (Polyv's v3 endpoints may answer 200 with an error body). */
  readonly httpStatus: number
  /** The `code` field of the body. */
  readonly code: number
  /** Polyv's message, exactly as received (v4: `error.desc`). */
  readonly message: string
  /** v4 only: the `requestId` Polyv asks you to quote when reporting a problem. */
  readonly requestId?: string | undefined
  /** v4 only: `error.code`. */
  readonly errorCode?: number | undefined
}

/** `appId is required.` — the request had no `appId`. */
export class AppIdRequired extends PolyvTaggedError("AppIdRequired")<ApiErrorContext> {}

/** `application not found.` — the `appId` is not a Polyv application. */
export class ApplicationNotFound extends PolyvTaggedError("ApplicationNotFound")<ApiErrorContext> {}

/** `invalid timestamp.` — the `timestamp` is more than 3 minutes from Polyv's clock. */
export class InvalidTimestamp extends PolyvTaggedError("InvalidTimestamp")<ApiErrorContext> {}

/** `invalid signature.` — the sign does not match; usually a wrong app secret. */
export class InvalidSignature extends PolyvTaggedError("InvalidSignature")<ApiErrorContext> {}

/** `illegal channel id: <id>` — the channel does not exist or is not this account's. */
export class IllegalChannelId extends PolyvTaggedError("IllegalChannelId")<
  ApiErrorContext & {
    /** The channel ID Polyv named in its message. */
    readonly channelId: string
  }
> {}

/** `param validate error` and the `param …: %s` family — a parameter is missing or malformed. */
export class ParamValidateError extends PolyvTaggedError("ParamValidateError")<
  ApiErrorContext & {
    /** The parameter Polyv named, when its message names one. */
    readonly param?: string | undefined
  }
> {}

/** `Report is not ready yet, please try again later.` — the export is still being generated. */
export class ReportNotReady extends PolyvTaggedError("ReportNotReady")<ApiErrorContext> {}

/** `qps exceeds number of calls` — over Polyv's quota of 1500 requests per 10 s per IP. */
export class RateLimited extends PolyvTaggedError("RateLimited")<ApiErrorContext> {}

/** Polyv failed on its side: a 5xx answer or an envelope with `status:"fail"`. */
export class ServerError extends PolyvTaggedError("ServerError")<ApiErrorContext> {}

/**
 * No whole answer was received: connection refused or reset, DNS failure, timeout, or an answer
 * whose body was cut short (see `envelope/CutShort.ts`).
 */
export class TransportError extends PolyvTaggedError("TransportError")<{
  readonly endpoint: string
  /** What went wrong, without the request URL (which holds the sign). */
  readonly message: string
  /**
   * `true` when nothing arrived in time (no answer, or a download that stalled): a longer
   * timeout may help. Otherwise the connection failed or broke, or the answer was not valid HTTP.
   */
  readonly timedOut?: boolean | undefined
  /** The system error code found in the failure's cause chain (`ECONNREFUSED`, `ENOTFOUND`, …), if any. */
  readonly code?: string | undefined
  /** That system error, with its code and its own message only (never the request, whose URL holds the sign). */
  readonly cause?: Error | undefined
}> {}

/** A whole answer came but is not a Polyv envelope of the expected shape. */
export class UnexpectedResponse extends PolyvTaggedError("UnexpectedResponse")<{
  readonly endpoint: string
  readonly httpStatus: number
  /** Why the answer could not be read. */
  readonly message: string
  /** The start of the body, for diagnosis. */
  readonly body: string
  /**
   * Set when the body was refused for its size: the limit it passed (`AnswerLimit.maxAnswerBytes`).
   * Such an answer is never retried, whatever its status.
   */
  readonly bodyLimit?: number | undefined
}> {}

/** The errors that stand for a failure reported in a Polyv envelope. */
export type ApiError =
  | AppIdRequired
  | ApplicationNotFound
  | InvalidTimestamp
  | InvalidSignature
  | IllegalChannelId
  | ParamValidateError
  | ReportNotReady
  | RateLimited
  | ServerError

/** Every error a call can fail with. */
export type PolyvError = ApiError | TransportError | UnexpectedResponse

/** Builds the error for a failure reported in an envelope; `value` is the message's `%s` part. */
export const fromApiFailure = (tag: ApiFailureTag, context: ApiErrorContext, value: string): ApiError => {
  switch (tag) {
    case "AppIdRequired":
      return new AppIdRequired(context)
    case "ApplicationNotFound":
      return new ApplicationNotFound(context)
    case "InvalidTimestamp":
      return new InvalidTimestamp(context)
    case "InvalidSignature":
      return new InvalidSignature(context)
    case "IllegalChannelId":
      return new IllegalChannelId({ ...context, channelId: value })
    case "ParamValidateError":
      return new ParamValidateError({ ...context, param: value === "" ? undefined : value })
    case "ReportNotReady":
      return new ReportNotReady(context)
    case "RateLimited":
      return new RateLimited(context)
    case "ServerError":
      return new ServerError(context)
  }
}
