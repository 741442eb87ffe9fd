/**
 * Turns an endpoint's wire parameters (encoded by the contract: `Contract.encodeParams`) into the
 * exact parameters sent: blanks dropped, `appId` and `timestamp` added, signed. Kept apart from the HTTP client so the
 * result can be inspected (and tested) without sending anything.
 *
 * @module
 */
import type { Redacted } from "effect"
import * as Signer from "../signing/Signer.js"

/** What a request is signed with. */
export interface Credentials {
  readonly appId: string
  readonly appSecret: Redacted.Redacted<string>
  /** Defaults to MD5 (no `signatureMethod` parameter is sent). */
  readonly signatureMethod?: Signer.SignatureMethod | undefined
}

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
