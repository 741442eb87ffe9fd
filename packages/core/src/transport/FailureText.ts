/**
 * What a failed exchange says, for people: the kind of failure and its cause (`TransportError:
 * fetch failed (connect ECONNREFUSED 10.0.0.1:443)`), never the request's query string. An API
 * call's URL carries its sign, a report URL its access token: any text that may quote a URL is
 * stripped of every `?…` first. The client's calls and the report download word their failures
 * here, the same way.
 *
 * Exported for tools that send their own requests on the same transport (the CLI's `verify`).
 *
 * @example
 * ```ts
 * import { FailureText } from "@polyv-stats/core"
 *
 * FailureText.describeFailure({ reason: { _tag: "TransportError", description: "GET /x?sign=AB failed" } })
 * // "GET /x?… failed"
 * ```
 * @module
 */

/** Strips query strings from a message: a request URL carries the sign (or a report's token). */
const withoutQuery = (text: string): string => text.replace(/\?\S*/g, "?…")

/** An error's message, and its own cause's in parentheses (`fetch failed (connect ECONNREFUSED …)`). */
const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ""
  return `${cause.message}${inner}`
}

/** An `HttpClientError`, as far as a message needs it. */
export type HttpFailure = {
  readonly reason: {
    readonly _tag: string
    readonly cause?: unknown
    readonly description?: string | undefined
    readonly response?: { readonly status: number } | undefined
  }
}

/**
 * What went wrong in an exchange, without the request URL's query. The kind of failure leads,
 * except `TransportError`: the text goes into a `TransportError`, which names that kind already
 * (`String(error)` would read `TransportError: TransportError: …`).
 */
export const describeFailure = (error: HttpFailure): string => {
  const cause = describeCause(error.reason.cause)
  const text = cause === "" ? (error.reason.description ?? "") : cause
  return withoutQuery(error.reason._tag === "TransportError" ? text : `${error.reason._tag}: ${text}`)
}

/** How deep {@link systemError} looks: a cause chain is outside input, and may be a cycle. */
const maxCauseDepth = 8

/**
 * The system error (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`, …) found in a failure's cause chain,
 * as a fresh `Error` of its code and its own message (`connect ECONNREFUSED 127.0.0.1:8787`), or
 * `undefined` when none of the causes carries one. Fresh, so nothing above it in the chain — the
 * request, whose URL holds the sign — comes along.
 */
export const systemError = (error: HttpFailure): (Error & { readonly code: string }) | undefined => {
  let cause: unknown = error.reason.cause
  for (let depth = 0; depth < maxCauseDepth && typeof cause === "object" && cause !== null; depth++) {
    const { code, message } = cause as { readonly code?: unknown; readonly message?: unknown }
    if (typeof code === "string" && /^E[A-Z0-9_]+$/.test(code)) {
      return Object.assign(new Error(typeof message === "string" ? message : code), { code })
    }
    cause = (cause as { readonly cause?: unknown }).cause
  }
  return undefined
}
