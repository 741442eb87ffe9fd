/**
 * An endpoint's typed parameters as the wire strings its contract gives them, or the
 * `InvalidParameter` Polyv would answer, before anything is sent. The client encodes every call
 * with it; the session stream checks a whole range with it before its first page.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 *
 * const wire = Contract.encodeParamsResult(Contract.byName.liveDurations, { channelIds: ["2272655", "2477096"] })
 * // Result.succeed({ channelIds: "2272655,2477096" })
 * ```
 * @module
 */
import { Effect, Result, Schema, SchemaIssue } from "effect"
import { InvalidParameter } from "../errors/InvalidParameter.js"
import { compiledOnce } from "./compiledOnce.js"
import type { AnyEndpoint, ParamsOf } from "./Endpoint.js"

const formatIssue = SchemaIssue.makeFormatterDefault()

/** Parameters as sent: each a string, or absent. */
export type Wire = Readonly<Record<string, string | undefined>>

/** Each endpoint's parameter encoder, compiled on first use instead of on every call. */
const encoderFor = compiledOnce((schema: AnyEndpoint["params"]) => Schema.encodeUnknownResult(schema))
const encoderOf = (endpoint: AnyEndpoint) => encoderFor(endpoint.params)

/**
 * An optional parameter given as `undefined` is simply not given (the schemas use exact keys).
 * Copied only when one is: the encoder does not change its input, and most calls give none.
 */
const withoutUndefined = (params: object): object => {
  const keys = Object.keys(params)
  if (keys.every((key) => (params as Record<string, unknown>)[key] !== undefined)) return params
  const given: Record<string, unknown> = {}
  for (const key of keys) {
    const value = (params as Record<string, unknown>)[key]
    if (value !== undefined) given[key] = value
  }
  return given
}

/** {@link encodeParams} without the `Effect`: the wire strings, or `InvalidParameter`. */
export const encodeParamsResult = <E extends AnyEndpoint>(
  endpoint: E,
  params: ParamsOf<E>,
): Result.Result<Wire, InvalidParameter> => {
  const encoded = encoderOf(endpoint)(withoutUndefined(params as object))
  return Result.isSuccess(encoded) ? Result.succeed(encoded.success) : Result.fail(
    new InvalidParameter({
      endpoint: endpoint.name,
      message: `invalid parameters for ${endpoint.name}: ${formatIssue(encoded.failure.issue)}`,
    }),
  )
}

/** Encodes parameters to their wire strings, failing with `InvalidParameter` on a bad value. */
export const encodeParams = <E extends AnyEndpoint>(
  endpoint: E,
  params: ParamsOf<E>,
): Effect.Effect<Wire, InvalidParameter> =>
  Effect.suspend(() => Effect.fromResult(encodeParamsResult(endpoint, params)))
