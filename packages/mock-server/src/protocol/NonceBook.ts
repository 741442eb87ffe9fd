/**
 * Replay protection for `signatureNonce`. A signed request proves who sent it; its `timestamp`
 * proves it is recent; the nonce proves it is new. A nonce seen before, while the earlier
 * request's timestamp could still be accepted, means the same signed request is being replayed,
 * so the mock refuses it as `invalid signature.` — the sign no longer proves a fresh request.
 *
 * A nonce is remembered until its request's timestamp falls out of the 3-minute window (after
 * that, the timestamp check alone refuses a replay), so memory stays bounded by traffic. What is
 * remembered is the nonce's SHA-256 (32 bytes), not the nonce: a client sending 15 KB nonces costs
 * the book no more than one sending 16-character ones.
 *
 * @example
 * ```ts
 * import { NonceBook } from "@polyv-stats/mock-server"
 *
 * const nonces = new NonceBook(180_000)
 * nonces.use("n-1", 1_000, 1_000) // true: first use
 * nonces.use("n-1", 1_000, 2_000) // false: a replay within the window
 * ```
 * @module
 */
import { createHash } from "node:crypto"

/** The fixed-size key a nonce is remembered by: its SHA-256 in base64 (44 characters). */
const keyOf = (nonce: string): string => createHash("sha256").update(nonce, "utf8").digest("base64")

export class NonceBook {
  private readonly seen = new Map<string, number>()
  private nextPrune = 0

  constructor(private readonly windowMillis: number) {}

  /**
   * Records a nonce used by a request stamped `timestamp`, seen at `now`. `false` when the nonce
   * was already used and is still remembered.
   */
  use(nonce: string, timestamp: number, now: number): boolean {
    this.prune(now)
    const key = keyOf(nonce)
    const until = this.seen.get(key)
    if (until !== undefined && until >= now) return false
    this.seen.set(key, Math.max(until ?? 0, timestamp + this.windowMillis))
    return true
  }

  /** Nonces currently remembered. */
  get size(): number {
    return this.seen.size
  }

  /** The characters of every key the book holds: what its memory grows with. */
  get keyChars(): number {
    let chars = 0
    for (const key of this.seen.keys()) chars += key.length
    return chars
  }

  clear(): void {
    this.seen.clear()
  }

  /** Forgets expired nonces, at most once per window (a full scan per request would be wasteful). */
  private prune(now: number): void {
    if (now < this.nextPrune) return
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce)
    this.nextPrune = now + this.windowMillis
  }
}
