/**
 * The five endpoints, listed once: every per-endpoint table of the project derives from
 * {@link EndpointsByName} and {@link endpoints} — the client's and the Promise client's methods,
 * the mock's handler table and routes, its OpenAPI document, the docs' generated tables.
 *
 * @module
 */
import { exportReport } from "./exportReport.js"
import { liveDurations } from "./liveDurations.js"
import { micHistory } from "./micHistory.js"
import { sessionList } from "./sessionList.js"
import { yunduoSummary } from "./yunduoSummary.js"

export * from "./exportReport.js"
export * from "./liveDurations.js"
export * from "./micHistory.js"
export * from "./sessionList.js"
export * from "./yunduoSummary.js"

/**
 * Every endpoint, keyed by its `name`, in the order of the seed files. Each entry's TSDoc is what
 * the methods derived from it show on hover (`PolyvClientService`, `PromisePolyvClient`): mapped
 * types over `keyof EndpointsByName` keep it.
 */
export interface EndpointsByName {
  /** Page 000: a session report's download URL (or `ReportNotReady`). */
  readonly exportReport: typeof exportReport
  /** Page 001: peak concurrent viewers across users. */
  readonly yunduoSummary: typeof yunduoSummary
  /** Page 002: all-time live seconds per channel. */
  readonly liveDurations: typeof liveDurations
  /** Page 003: co-host minutes in a date range. */
  readonly micHistory: typeof micHistory
  /** Page 004: one page of a channel's sessions. */
  readonly sessionList: typeof sessionList
}

/** An endpoint's name: a key of {@link EndpointsByName}. */
export type EndpointName = keyof EndpointsByName

/** Any one of the five. */
export type KnownEndpoint = EndpointsByName[EndpointName]

/** Fails to compile where a key is not its endpoint's `name` (method names, spans and routes rely on it). */
type KeyedByName<T extends { readonly [K in keyof T]: { readonly name: K } }> = T

/**
 * Every endpoint by name.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 *
 * Contract.byName.sessionList.path // "/live/v3/channel/session/data/list"
 * ```
 */
export const byName: KeyedByName<EndpointsByName> = {
  exportReport,
  yunduoSummary,
  liveDurations,
  micHistory,
  sessionList,
}

/** Every endpoint, in the order of the seed files (the order of {@link byName}). */
export const endpoints: ReadonlyArray<KnownEndpoint> = Object.values(byName)
