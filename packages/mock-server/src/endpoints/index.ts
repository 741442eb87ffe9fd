/**
 * The mock's handler table: each endpoint of the contract with its behaviour. `PolyvMock` routes
 * by iterating the contract and looking each endpoint up here; {@link Handlers} makes a missing
 * entry a compile error.
 *
 * @module
 */
import type { Handlers } from "./EndpointContext.js"
import { handleExportReport } from "./exportReport.js"
import { handleLiveDurations } from "./liveDurations.js"
import { handleMicHistory } from "./micHistory.js"
import { handleSessionList } from "./sessionList.js"
import { writeSessionListBody } from "./SessionListBody.js"
import { handleYunduoSummary } from "./yunduoSummary.js"

export const handlers: Handlers = {
  exportReport: { handle: handleExportReport },
  yunduoSummary: { handle: handleYunduoSummary },
  liveDurations: { handle: handleLiveDurations },
  micHistory: { handle: handleMicHistory },
  // The session list writes its body itself (see `SessionListBody.ts`).
  sessionList: { handle: handleSessionList, writeBody: writeSessionListBody },
}
