/**
 * Polyv's rate limit: each client IP may make `limit` calls per fixed window (Polyv: 1500 per
 * 10 s, across the whole API); a client over the limit is refused with `qps exceeds number of
 * calls` and stays blocked for `blockMillis` (Polyv: 5 minutes). Windows are measured on the
 * mock's clock, so tests cross them on virtual time.
 *
 * Every API call counts, refused ones included (the gateway counts before it looks inside), and
 * so do calls made while blocked. The in-process mock has a single client key.
 *
 * @example
 * ```ts
 * import { RateLimiter } from "@polyv-stats/mock-server"
 *
 * const limiter = new RateLimiter({ limit: 2, windowMillis: 10_000, blockMillis: 0 })
 * limiter.admit("127.0.0.1", 0) // true
 * limiter.admit("127.0.0.1", 1) // true
 * limiter.admit("127.0.0.1", 2) // false: a third call within 10 s
 * limiter.admit("127.0.0.1", 10_000) // true: a new window
 * ```
 * @module
 */

export interface RateLimit {
  /** Calls allowed per window. */
  readonly limit: number
  readonly windowMillis: number
  /** How long a client that went over stays refused, from the refused call. */
  readonly blockMillis: number
}

/** Polyv's published limit. */
export const polyvRateLimit: RateLimit = { limit: 1500, windowMillis: 10_000, blockMillis: 5 * 60_000 }

interface Window {
  start: number
  count: number
  blockedUntil: number
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(readonly settings: RateLimit = polyvRateLimit) {}

  /** Counts one call from `client` at `now`; `false` when it must be refused. */
  admit(client: string, now: number): boolean {
    const { limit, windowMillis, blockMillis } = this.settings
    let w = this.windows.get(client)
    // Windows are aligned to the first call after the previous one ran out.
    if (w === undefined || now >= w.start + windowMillis || now < w.start) {
      w = { start: now, count: 0, blockedUntil: w?.blockedUntil ?? 0 }
      this.windows.set(client, w)
    }
    w.count++
    if (now < w.blockedUntil) return false
    if (w.count > limit) {
      w.blockedUntil = now + blockMillis
      return false
    }
    return true
  }

  clear(): void {
    this.windows.clear()
  }
}
