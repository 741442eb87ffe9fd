/**
 * The five endpoints.
 *
 * @module
 */
import { exportReport } from "./exportReport.js"
import { liveDurations } from "./liveDurations.js"
import { micHistory } from "./micHistory.js"
import { sessionList } from "./sessionList.js"
import { yunduoSummary } from "./yunduoSummary.js"

export { exportReport, liveDurations, micHistory, sessionList, yunduoSummary }

/** Every endpoint, in the order of the seed files. */
export const endpoints = [exportReport, yunduoSummary, liveDurations, micHistory, sessionList] as const

/** Any one of the five. */
export type KnownEndpoint = (typeof endpoints)[number]
