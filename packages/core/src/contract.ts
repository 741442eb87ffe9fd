/**
 * The contract: every endpoint described once. See `contract/` for one module per endpoint.
 *
 * @module
 */
export * from "./contract/Endpoint.js"
export { reportUrlValidDays } from "./contract/exportReport.js"
export * from "./contract/index.js"
export { LiveDuration } from "./contract/liveDurations.js"
export {
  aggregatedAt,
  aggregationHour,
  aggregationLagDays,
  firstPendingDay,
  MicHistory,
} from "./contract/micHistory.js"
export { defaultPage, defaultPageSize, maxSpanDays, Session, SessionPage } from "./contract/sessionList.js"
export * as WebUrl from "./contract/WebUrl.js"
export * as WireTypes from "./contract/WireTypes.js"
export { Peak } from "./contract/yunduoSummary.js"
