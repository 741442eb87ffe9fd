/**
 * What an endpoint handler decides: data to send, or one of the contract's failures.
 *
 * @module
 */
import { ApiFailures } from "@polyv-stats/core"

export type Outcome<A> =
  | { readonly _tag: "Data"; readonly data: A }
  | {
    readonly _tag: "Failure"
    readonly failure: ApiFailures.ApiFailureTag
    readonly message: string
    /** Polyv's `status:"fail"` (a server failure) instead of `"error"`. */
    readonly fail?: boolean | undefined
  }

export const data = <A>(value: A): Outcome<A> => ({ _tag: "Data", data: value })

export const failure = (tag: ApiFailures.ApiFailureTag, message: string): Outcome<never> => ({
  _tag: "Failure",
  failure: tag,
  message,
})

/** Polyv's server failure: `status:"fail"`, code 500. */
export const serverFailure: Outcome<never> = {
  _tag: "Failure",
  failure: "ServerError",
  message: ApiFailures.messageOf("ServerError"),
  fail: true,
}
