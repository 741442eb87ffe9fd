/**
 * The checks Polyv makes before it looks at an endpoint's own parameters, in its order:
 * `appId` present → application known → `timestamp` within 3 minutes → sign matches → the
 * `signatureNonce`, if any, not seen before (see {@link NonceBook}).
 *
 * @module
 */
import { ApiFailures, Contract, Signer } from "@polyv-stats/core"
import { Redacted } from "effect"
import { timestampWindowMillis } from "../MockOptions.js"
import type { NonceBook } from "./NonceBook.js"
import { failure, type Outcome } from "./Outcome.js"
import { setOwn } from "./OwnRecord.js"

export interface Application {
  readonly appId: string
  readonly appSecret: Redacted.Redacted<string>
}

/** `undefined` when the request may go on; otherwise the failure to answer with. */
export const authenticate = (
  params: ReadonlyMap<string, string>,
  app: Application,
  now: number,
  nonces?: NonceBook,
): Outcome<never> | undefined => {
  const appId = params.get(Signer.appIdParam)
  if (Signer.isBlank(appId)) return failure("AppIdRequired", ApiFailures.messageOf("AppIdRequired"))
  if (appId !== app.appId) return failure("ApplicationNotFound", ApiFailures.messageOf("ApplicationNotFound"))

  const timestamp = params.get(Signer.timestampParam) ?? ""
  if (!Contract.WireTypes.millisPattern.test(timestamp) || Math.abs(now - Number(timestamp)) > timestampWindowMillis) {
    return failure("InvalidTimestamp", ApiFailures.messageOf("InvalidTimestamp"))
  }

  // Not `Object.fromEntries`, whose generic iteration cost more than the rest of the check.
  const received: Record<string, string> = {}
  params.forEach((value, name) => setOwn(received, name, value))
  const method = Signer.methodOf(received)
  const sign = params.get(Signer.signParam) ?? ""
  if (
    method === undefined ||
    !Signer.matches(Signer.signed(received, app.appSecret, method).sign, sign)
  ) {
    return failure("InvalidSignature", ApiFailures.messageOf("InvalidSignature"))
  }
  // Only a correctly signed nonce is remembered: a forged request cannot burn a client's nonce.
  const nonce = params.get(Signer.nonceParam)
  if (nonces !== undefined && !Signer.isBlank(nonce) && !nonces.use(nonce, Number(timestamp), now)) {
    return failure("InvalidSignature", ApiFailures.messageOf("InvalidSignature"))
  }
  return undefined
}
