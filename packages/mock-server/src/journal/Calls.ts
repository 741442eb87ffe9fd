/**
 * The calls made to one endpoint, read from the {@link Journal}: one record, not two. Recording
 * stays as cheap as it was; the parameters are decoded by the contract only here, when a test
 * asks. So the calls are bounded by the journal's ring (`journalSize`): past it, the oldest drop
 * out, and `reset` forgets them with the journal.
 *
 * Every request routed to the endpoint is a call, refused ones included (a test of a signing bug
 * wants to see the call its code made); `outcome.by` says what answered it.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 * import { callsIn, Journal, SecretRedactor } from "@polyv-stats/mock-server"
 *
 * const journal = new Journal(10, new SecretRedactor("the-secret"))
 * callsIn(journal, Contract.byName.sessionList) // [] until a session-list request is recorded
 * ```
 * @module
 */
import type { Contract } from "@polyv-stats/core"
import { decodeParams } from "../protocol/Params.js"
import { matchesParams, paramsMatch } from "../protocol/ParamsMatch.js"
import type { AnsweredBy, Journal, JournalOutcome } from "./Journal.js"

/** One call to an endpoint, as the mock saw and answered it. */
export interface Call<E extends Contract.AnyEndpoint> {
  /** The endpoint's name in the contract. */
  readonly endpoint: E["name"]
  /** The journal's sequence number. */
  readonly seq: number
  /** The mock's clock when the call arrived (ms), and as an ISO instant. */
  readonly time: number
  readonly at: string
  readonly method: string
  /** Decoded by the contract's schema; `undefined` when they did not decode (the answer says why). */
  readonly params: Contract.ParamsOf<E> | undefined
  /** The parameters as received (`appId`, `timestamp` included), never `sign`, the secret redacted. */
  readonly wire: Readonly<Record<string, string>>
  /** The HTTP status, envelope code, message, failure tag, fault. */
  readonly outcome: JournalOutcome
  /** What answered: the world, a stub (`outcome.stub` names it), a fault, or the mock's own refusal. */
  readonly by: AnsweredBy
}

/** The calls to `endpoint` the journal holds, oldest first, those matching `match` (deep-equal on its keys). */
export const callsIn = <E extends Contract.AnyEndpoint>(
  journal: Journal,
  endpoint: E,
  match?: Partial<Contract.ParamsOf<E>>,
): Array<Call<E>> => {
  const wanted = paramsMatch(match)
  const calls: Array<Call<E>> = []
  for (const entry of journal.entries()) {
    if (entry.path !== endpoint.path || entry.outcome.by === undefined) continue
    const decoded = decodeParams(endpoint, new Map(Object.entries(entry.params)))
    const params = decoded._tag === "Data" ? decoded.data : undefined
    if (wanted.length > 0) {
      if (params === undefined || !matchesParams(wanted, params)) continue
    }
    const { sign: _sign, ...wire } = entry.params
    calls.push({
      endpoint: endpoint.name,
      seq: entry.seq,
      time: entry.time,
      at: entry.at,
      method: entry.method,
      params,
      wire,
      outcome: entry.outcome,
      by: entry.outcome.by,
    })
  }
  return calls
}
