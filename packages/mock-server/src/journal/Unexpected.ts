/**
 * The requests the strict option refused (`outcome.by: "strict"`), read from the {@link Journal}
 * as the calls are: nothing is recorded twice, they are bounded by the journal's ring and `reset`
 * forgets them.
 *
 * @example
 * ```ts
 * import { Journal, SecretRedactor, unexpectedIn } from "@polyv-stats/mock-server"
 *
 * unexpectedIn(new Journal(10, new SecretRedactor("the-secret"))) // []
 * ```
 * @module
 */
import type { Journal } from "./Journal.js"

/** One request nothing explained. */
export interface Unexpected {
  readonly seq: number
  readonly time: number
  readonly at: string
  readonly method: string
  readonly path: string
  /** As received, never `sign`, the secret redacted. */
  readonly wire: Readonly<Record<string, string>>
  /** What the request names that the world lacks (the answer's message). */
  readonly reason: string
}

export const unexpectedIn = (journal: Journal): Array<Unexpected> =>
  journal.entries().flatMap(({ seq, time, at, method, path, params, outcome }) => {
    if (outcome.by !== "strict") return []
    const { sign: _sign, ...wire } = params
    return [{ seq, time, at, method, path, wire, reason: outcome.message }]
  })
