/**
 * The request journal: what the mock was asked and what it answered, for tests and people to
 * inspect through `GET /__mock/journal`. It is a ring buffer — the newest `capacity` entries
 * are kept (default {@link defaultJournalSize}) — so a long-running mock does not grow.
 *
 * Parameters are recorded as received, `sign` included (it is a digest, useful to debug a
 * signature), but the app secret never: wherever a client put it by mistake — the path, a
 * parameter's name or value, the method — and in the messages that quote such text (an unknown
 * path, an unknown channel ID), it reads `<redacted>` (see {@link SecretRedactor}). The mock itself
 * never puts the secret in a request.
 *
 * @example
 * ```ts
 * import { Journal, SecretRedactor } from "@polyv-stats/mock-server"
 *
 * const journal = new Journal(2, new SecretRedactor("the-secret"))
 * journal.record({ time: 0, method: "GET", path: "/x", params: { sign: "AB" }, outcome: { status: 200, code: 200, message: "" } })
 * journal.entries() // one entry, seq 1
 * ```
 * @module
 */

import type { ApiFailures } from "@polyv-stats/core"
import { setOwn } from "../protocol/OwnRecord.js"
import { redacted, type SecretRedactor } from "../protocol/SecretRedactor.js"

/** How many entries the journal keeps unless told otherwise. */
export const defaultJournalSize = 1000

/** The most entries a journal may keep (`--journal-size`), and the most `?limit=n` may ask for. */
export const maxJournalSize = 1_000_000

/** What the mock answered. */
export interface JournalOutcome {
  /** The HTTP status (0 when the connection was reset). */
  readonly status: number
  /** The envelope's `code`, when the answer was an envelope. */
  readonly code?: number | undefined
  /** The envelope's message (v3 `message`, v4 `error.desc`), or what happened instead. */
  readonly message: string
  /** The fault injected, if any. */
  readonly fault?: string | undefined
  /** The contract's failure tag (`InvalidSignature`, `ReportNotReady`, …) when the answer was a failure envelope. */
  readonly failure?: ApiFailures.ApiFailureTag | undefined
  /**
   * What answered, for a request routed to an endpoint: `"world"` (the endpoint's handler, from
   * the account), `"fault"` (an injected fault), `"mock"` (the mock's own refusal: authentication,
   * parameters, the rate limit), `"stub"` (a stub: {@link JournalOutcome.stub} names it), `"strict"`
   * (the strict option's refusal of a request nothing explains), `"cassette"` (a recorded answer
   * replayed from the `cassette` option).
   */
  readonly by?: AnsweredBy | undefined
  /** The stub that answered (its name, or `stub-<n>`), when `by` is `"stub"`. */
  readonly stub?: string | undefined
}

/** What answered a request routed to an endpoint (see {@link JournalOutcome.by}). */
export type AnsweredBy = "world" | "stub" | "fault" | "mock" | "strict" | "cassette"

export interface JournalEntryInput {
  /** The mock's clock when the request arrived (ms). */
  readonly time: number
  readonly method: string
  readonly path: string
  /** As received; a map is turned into a record when the entry is read. */
  readonly params: Readonly<Record<string, string>> | ReadonlyMap<string, string>
  readonly client?: string | undefined
  readonly outcome: JournalOutcome
}

export interface JournalEntry extends JournalEntryInput {
  readonly params: Readonly<Record<string, string>>
  /** 1 for the first request since start (or reset); keeps counting as old entries drop out. */
  readonly seq: number
  /** `time` as an ISO instant, for people. */
  readonly at: string
}

export { redacted }

/** Throws unless `capacity` is a journal size: a whole number of entries, at least one. */
export const checkJournalSize = (capacity: number): void => {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error("the journal holds at least one entry")
}

/**
 * What the ring holds for one exchange: flat fields, and the parameters as one string. A kept
 * entry outlives many young-generation collections and is promoted to the old one, where it stays
 * until a full collection; one object and one string per entry keep that small (a Map of the
 * parameters with its strings and the outcome object were several times the size).
 */
interface Recorded {
  readonly seq: number
  readonly time: number
  readonly method: string
  readonly path: string
  /** JSON of `[name, value, name, value, …]`. */
  readonly params: string
  readonly client: string | undefined
  readonly status: number
  readonly code: number | undefined
  readonly message: string
  readonly fault: string | undefined
  readonly failure: ApiFailures.ApiFailureTag | undefined
  readonly by: AnsweredBy | undefined
  readonly stub: string | undefined
}

export class Journal {
  private readonly ring: Array<Recorded | undefined>
  private total = 0
  private readonly redact: (text: string) => string

  /** `redactor` is the mock's own: the one that cuts its secret out of every text it quotes back. */
  constructor(readonly capacity: number = defaultJournalSize, redactor: SecretRedactor) {
    checkJournalSize(capacity)
    this.ring = Array.from({ length: capacity }, () => undefined)
    this.redact = redactor.text
  }

  /**
   * Records one exchange. Recording is on every request's path, so it only stores what it was
   * given; the entry (ISO time, every text field redacted) is built when someone reads it.
   */
  record(input: JournalEntryInput): void {
    const flat: Array<string> = []
    const given = input.params instanceof Map ? input.params : Object.entries(input.params)
    for (const [name, value] of given as Iterable<[string, string]>) flat.push(name, value)
    const { outcome } = input
    this.ring[this.total % this.capacity] = {
      seq: ++this.total,
      time: input.time,
      method: input.method,
      path: input.path,
      params: JSON.stringify(flat),
      client: input.client,
      status: outcome.status,
      code: outcome.code,
      message: outcome.message,
      fault: outcome.fault,
      failure: outcome.failure,
      by: outcome.by,
      stub: outcome.stub,
    }
  }

  /** The kept entries, oldest first. */
  entries(): Array<JournalEntry> {
    const kept = Math.min(this.total, this.capacity)
    const out: Array<JournalEntry> = []
    for (let i = this.total - kept; i < this.total; i++) out.push(this.entryOf(this.ring[i % this.capacity]!))
    return out
  }

  private entryOf(recorded: Recorded): JournalEntry {
    const { seq, time, status, code, fault, failure, by, stub } = recorded
    const redact = this.redact
    const flat = JSON.parse(recorded.params) as Array<string>
    const params: Record<string, string> = {}
    for (let i = 0; i < flat.length; i += 2) setOwn(params, redact(flat[i]!), redact(flat[i + 1]!))
    const outcome: JournalOutcome = {
      status,
      ...(code === undefined ? {} : { code }),
      message: redact(recorded.message),
      ...(fault === undefined ? {} : { fault }),
      ...(failure === undefined ? {} : { failure }),
      ...(by === undefined ? {} : { by }),
      ...(stub === undefined ? {} : { stub }),
    }
    return {
      seq,
      at: new Date(time).toISOString(),
      time,
      method: redact(recorded.method),
      path: redact(recorded.path),
      params,
      client: recorded.client === undefined ? undefined : redact(recorded.client),
      outcome,
    }
  }

  /** Entries recorded since start (or reset), kept or not. */
  get recorded(): number {
    return this.total
  }

  /** Entries that fell out of the ring. */
  get dropped(): number {
    return Math.max(0, this.total - this.capacity)
  }

  clear(): void {
    this.ring.fill(undefined)
    this.total = 0
  }
}
