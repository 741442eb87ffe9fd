/**
 * The request journal: what the mock was asked and what it answered, for tests and people to
 * inspect through `GET /__mock/journal`. It is a ring buffer — the newest `capacity` entries
 * are kept (default {@link defaultJournalSize}) — so a long-running mock does not grow.
 *
 * Parameters are recorded as received, `sign` included (it is a digest, useful to debug a
 * signature), but the app secret never: a value that contains the secret (a client that sent it
 * by mistake) is replaced by `<redacted>`. The mock itself never puts the secret in a request.
 *
 * @example
 * ```ts
 * import { Journal } from "@polyv-stats/mock-server"
 *
 * const journal = new Journal(2, "the-secret")
 * journal.record({ time: 0, method: "GET", path: "/x", params: { sign: "AB" }, outcome: { status: 200, code: 200, message: "" } })
 * journal.entries() // one entry, seq 1
 * ```
 * @module
 */

/** How many entries the journal keeps unless told otherwise. */
export const defaultJournalSize = 1000

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
}

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

export const redacted = "<redacted>"

/** What the ring holds: the input as given and its number; the entry is made when read. */
interface Recorded {
  readonly seq: number
  readonly input: JournalEntryInput
}

export class Journal {
  private readonly ring: Array<Recorded | undefined>
  private total = 0

  constructor(readonly capacity: number = defaultJournalSize, private readonly secret: string) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("the journal holds at least one entry")
    this.ring = Array.from({ length: capacity }, () => undefined)
  }

  /**
   * Records one exchange. Recording is on every request's path, so it only stores the input; the
   * entry (ISO time, redacted parameters) is built when someone reads it. `input.params` must not
   * change afterwards (the mock passes each request's own parameters, never changed).
   */
  record(input: JournalEntryInput): void {
    this.ring[this.total % this.capacity] = { seq: ++this.total, input }
  }

  /** The kept entries, oldest first. */
  entries(): Array<JournalEntry> {
    const kept = Math.min(this.total, this.capacity)
    const out: Array<JournalEntry> = []
    for (let i = this.total - kept; i < this.total; i++) out.push(this.entryOf(this.ring[i % this.capacity]!))
    return out
  }

  private entryOf({ input, seq }: Recorded): JournalEntry {
    const params: Record<string, string> = {}
    const received = input.params instanceof Map ? input.params.entries() : Object.entries(input.params)
    for (const [name, value] of received as Iterable<[string, string]>) {
      params[name] = this.secret !== "" && value.includes(this.secret) ? redacted : value
    }
    return { seq, at: new Date(input.time).toISOString(), ...input, params }
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
