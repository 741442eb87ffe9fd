/**
 * What an endpoint handler decides: data to send, or one of the contract's failures.
 *
 * @module
 */
import type { ApiFailures } from "@polyv-stats/core"

export type Outcome<A> =
  | { readonly _tag: "Data"; readonly data: A }
  | { readonly _tag: "Failure"; readonly failure: ApiFailures.ApiFailureTag; readonly message: string }

export const data = <A>(value: A): Outcome<A> => ({ _tag: "Data", data: value })

export const failure = (tag: ApiFailures.ApiFailureTag, message: string): Outcome<never> => ({
  _tag: "Failure",
  failure: tag,
  message,
})
