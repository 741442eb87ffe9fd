/**
 * A cassette replayed: the recorded answers of a cassette (`Cassette.ts`), found by a request's
 * endpoint and business parameters (`Cassette.matchKey`, the recorder's own normalisation).
 *
 * The mock asks it only after its own checks pass (application, timestamp, sign, nonce, the
 * parameters), where stubs answer: a recorded answer is never given to a request the mock would
 * refuse. A request recorded several times is answered in recorded order, then with its last
 * answer again and again; a reset starts each from its first answer. A v4 answer gets a fresh
 * request ID (the mock's own, as for any other answer); a v3 answer goes out as recorded. Status,
 * content type and every other byte of the body are the recorded ones.
 *
 * Building it reads the cassette once (O(exchanges)); a lookup is one key built from the
 * request's few parameters and one map read.
 *
 * @example
 * ```ts
 * import { Cassette, Replay } from "@polyv-stats/mock-server"
 *
 * const replay = new Replay.Replay({ format: Cassette.format, version: Cassette.version, exchanges: [] })
 * replay.size // 0: every request falls back to the world (or, with strict, is refused)
 * ```
 * @module
 */
import { Contract } from "@polyv-stats/core"
import type { MockResponse } from "../protocol/MockRequest.js"
import { businessParams, type Cassette, type Exchange, matchKey } from "./Cassette.js"

/** One recorded answer, ready to send again. */
interface Recorded {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The body, or (v4 with a request ID) the text before the recorded ID's JSON string. */
  readonly body: string
  /** With a request ID to renew: the text after it. */
  readonly afterId: string | undefined
  /** The envelope's `code` and `message`, for the journal (0 and "" when the body has none). */
  readonly code: number
  readonly message: string
}

/** An answer the replay gives, with what the journal says of it. */
export interface Replayed {
  readonly response: MockResponse
  readonly code: number
  readonly message: string
}

interface Entry {
  readonly answers: ReadonlyArray<Recorded>
  next: number
}

const envelopeOf = (body: string): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(body)
    return typeof parsed === "object" && parsed !== null ? parsed as Record<string, unknown> : undefined
  } catch {
    return undefined // an HTML error page, recorded as it came
  }
}

const recorded = (exchange: Exchange): Recorded => {
  const envelope = envelopeOf(exchange.body)
  const headers: Record<string, string> = exchange.contentType === undefined
    ? {}
    : { "content-type": exchange.contentType }
  const code = typeof envelope?.code === "number" ? envelope.code : 0
  const message = typeof envelope?.message === "string" ? envelope.message : ""
  const id = envelope?.requestId
  if (Contract.byName[exchange.endpoint].envelope === "v4" && typeof id === "string") {
    const quoted = JSON.stringify(id)
    const at = exchange.body.indexOf(quoted, exchange.body.indexOf("\"requestId\""))
    if (at >= 0) {
      return {
        status: exchange.status,
        headers,
        body: exchange.body.slice(0, at),
        afterId: exchange.body.slice(at + quoted.length),
        code,
        message,
      }
    }
  }
  return { status: exchange.status, headers, body: exchange.body, afterId: undefined, code, message }
}

export class Replay {
  private readonly entries = new Map<string, Entry>()

  constructor(cassette: Cassette) {
    for (const exchange of cassette.exchanges) {
      const key = matchKey(exchange.endpoint, exchange.params)
      const entry = this.entries.get(key)
      if (entry === undefined) this.entries.set(key, { answers: [recorded(exchange)], next: 0 })
      else (entry.answers as Array<Recorded>).push(recorded(exchange))
    }
  }

  /** How many different requests the cassette answers. */
  get size(): number {
    return this.entries.size
  }

  /**
   * The recorded answer to this request (its wire parameters, signing ones included: they are
   * left out here), moving on to the next recorded one; `undefined` when the cassette has none.
   * `requestId` makes a v4 answer's fresh ID.
   */
  answer(
    endpoint: Contract.EndpointName,
    params: ReadonlyMap<string, string>,
    requestId: () => string,
  ): Replayed | undefined {
    const entry = this.entries.get(matchKey(endpoint, businessParams(params)))
    if (entry === undefined) return undefined
    const answer = entry.answers[entry.next]!
    if (entry.next < entry.answers.length - 1) entry.next++
    const body = answer.afterId === undefined ? answer.body : answer.body + JSON.stringify(requestId()) + answer.afterId
    return {
      response: { status: answer.status, headers: answer.headers, body },
      code: answer.code,
      message: answer.message,
    }
  }

  /** Starts every request from its first recorded answer again (a reset). */
  rewind(): void {
    for (const entry of this.entries.values()) entry.next = 0
  }
}
