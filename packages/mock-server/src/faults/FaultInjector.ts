/**
 * Fault injection: the failures a real network and a real Polyv produce, on demand. Each kind has
 * a global rate (the share of API requests it hits), and the `x-polyv-mock-fault` header forces
 * one kind for a single request. Draws come from a generator seeded by the mock's seed, so the
 * same seed and the same request sequence hit the same requests: a flaky-network test is
 * reproducible.
 *
 * One draw per API request picks at most one fault: the rates are stacked in {@link faultKinds}
 * order on [0, 1), so they must sum to at most 1.
 *
 * Where each fault happens:
 * - `server-error`: a gateway's HTTP 502 with an HTML body (not an envelope), as a proxy in
 *   front of Polyv answers when the backend is down.
 * - `fail`: Polyv's own `status:"fail"` envelope, code 500 (`ServerError`'s message).
 * - `rate-limit`: the rate limiter's answer (`qps exceeds number of calls`), as if over the limit.
 * - `malformed`: the answer (HTTP 200, or its error status) with its JSON body cut short half-way:
 *   the text ends mid-value, the HTTP framing is intact (see `FaultResponses.malformed`).
 * - `latency`: the normal answer, `latencyMillis` late (the adapter waits: a timer on the
 *   socket, an injectable sleep in-process, `Effect.sleep` in the Effect layer).
 * - `reset`: no answer; the socket server destroys the connection, the in-process fetch rejects
 *   with a `TypeError` as `fetch` does on a network failure.
 *
 * @example
 * ```ts
 * import { FaultInjector } from "@polyv-stats/mock-server"
 *
 * const faults = new FaultInjector("seed", { rates: { "server-error": 0.1 }, latencyMillis: 1500 })
 * faults.decide(undefined) // "server-error" for about one request in ten, else undefined
 * faults.decide("reset")   // "reset": forced by the header
 * ```
 * @module
 */
import { Random } from "../world/Random.js"

/** Every fault the mock can inject, in the order rates are stacked. */
export const faultKinds = ["server-error", "fail", "rate-limit", "malformed", "latency", "reset"] as const

export type FaultKind = (typeof faultKinds)[number]

/** The request header that forces a fault for one request. */
export const faultHeader = "x-polyv-mock-fault"

export interface FaultConfig {
  /** Share of API requests (0..1) each kind hits; absent kinds never happen by chance. */
  readonly rates: Readonly<Partial<Record<FaultKind, number>>>
  /** How late a `latency` fault answers. */
  readonly latencyMillis: number
}

export const defaultFaultConfig: FaultConfig = { rates: {}, latencyMillis: 2_000 }

/**
 * The longest latency fault (10 minutes; the `--latency-ms` flag and the admin API share it).
 * Longer than any client timeout worth testing, and far below what Node's timers take (2^31-1 ms,
 * beyond which a timer fires at once).
 */
export const maxLatencyMillis = 600_000

export const isFaultKind = (value: string): value is FaultKind => (faultKinds as ReadonlyArray<string>).includes(value)

/** Why a configuration is refused, or `undefined` when it is sound. */
export const checkFaultConfig = (config: FaultConfig): string | undefined => {
  let total = 0
  for (const [kind, rate] of Object.entries(config.rates)) {
    if (!isFaultKind(kind)) return `unknown fault kind "${kind}"; the kinds are ${faultKinds.join(", ")}`
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
      return `rates.${kind} (the rate of ${kind}) must be a number from 0 to 1; got ${rate}`
    }
    total += rate
  }
  if (total > 1 + 1e-9) return `fault rates add up to ${total}; one draw per request needs a total of at most 1`
  const latency = config.latencyMillis
  if (!Number.isInteger(latency) || latency < 0 || latency > maxLatencyMillis) {
    return `latencyMillis must be a whole number of milliseconds from 0 to ${maxLatencyMillis}; got ${latency}`
  }
  return undefined
}

export class FaultInjector {
  private random: Random
  private current: FaultConfig

  constructor(private readonly seed: string, config: FaultConfig = defaultFaultConfig) {
    const problem = checkFaultConfig(config)
    if (problem) throw new Error(problem)
    this.current = config
    this.random = new Random(`${seed}/faults`)
  }

  get config(): FaultConfig {
    return this.current
  }

  /** Replaces the configuration; returns why it was refused, if it was. */
  configure(config: FaultConfig): string | undefined {
    const problem = checkFaultConfig(config)
    if (problem === undefined) this.current = config
    return problem
  }

  /** Starts the draw sequence again, so a reset mock injects the same faults as a fresh one. */
  reset(): void {
    this.random = new Random(`${this.seed}/faults`)
  }

  /**
   * The fault for one API request: the forced kind when the header names one, else a seeded draw.
   * The draw happens on every request (forced or not), so forcing one request does not shift
   * which later requests the rates hit.
   */
  decide(forced: FaultKind | undefined): FaultKind | undefined {
    const draw = this.random.next()
    if (forced !== undefined) return forced
    let stacked = 0
    for (const kind of faultKinds) {
      stacked += this.current.rates[kind] ?? 0
      if (draw < stacked) return kind
    }
    return undefined
  }
}
