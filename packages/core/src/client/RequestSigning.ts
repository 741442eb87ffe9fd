/**
 * Turns an endpoint's typed parameters into the exact parameters sent: encoded by the contract,
 * blanks dropped, `appId` and `timestamp` added, signed. Kept apart from the HTTP client so the
 * result can be inspected (and tested) without sending anything.
 *
 * @module
 */
import { Effect, Redacted, Result, Schema, SchemaIssue } from "effect"
import type { AnyEndpoint, ParamsOf } from "../contract/Endpoint.js"
import { InvalidParameter } from "../errors/InvalidParameter.js"
import * as Signer from "../signing/Signer.js"
import { compiledOnce } from "./compiledOnce.js"

/** What a request is signed with. */
export interface Credentials {
  readonly appId: string
  readonly appSecret: Redacted.Redacted<string>
  /** Defaults to MD5 (no `signatureMethod` parameter is sent). */
  readonly signatureMethod?: Signer.SignatureMethod | undefined
}

const formatIssue = SchemaIssue.makeFormatterDefault()

type Wire = Readonly<Record<string, string | undefined>>

/** Each endpoint's parameter encoder, compiled on first use instead of on every call. */
const encoderFor = compiledOnce((schema: AnyEndpoint["params"]) => Schema.encodeUnknownResult(schema))
const encoderOf = (endpoint: AnyEndpoint) => encoderFor(endpoint.params)

/** An optional parameter given as `undefined` is simply not given (the schemas use exact keys). */
const withoutUndefined = (params: object): Record<string, unknown> => {
  const given: Record<string, unknown> = {}
  for (const key of Object.keys(params)) {
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

/**
 * Signs wire parameters at instant `timestamp` (ms), adding what every request carries (`appId`,
 * `timestamp`, `signatureMethod` unless MD5, and `nonce` as `signatureNonce` when given), with
 * {@link Signer.signed}: the parameters to send, and the sign to send with them.
 */
export const signParams = (
  credentials: Credentials,
  wire: Readonly<Record<string, string | undefined>>,
  timestamp: number,
  nonce?: string,
): Signer.Signed => {
  // Copied onto a new object rather than spread: on Node 20's V8, `{ ...wire, more }` gives every
  // call's copy a hidden class of its own, allocated in the old generation.
  const raw: Record<string, string | undefined> = Object.assign({}, wire)
  raw[Signer.appIdParam] = credentials.appId
  raw[Signer.timestampParam] = String(timestamp)
  if (credentials.signatureMethod === "SHA256") raw[Signer.methodParam] = "SHA256"
  if (nonce !== undefined) raw[Signer.nonceParam] = nonce
  return Signer.signed(raw, credentials.appSecret, credentials.signatureMethod ?? "MD5")
}
