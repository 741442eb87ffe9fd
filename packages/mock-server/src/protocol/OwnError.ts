/**
 * The mock's own failures — no such endpoint, a method the endpoint does not take, a body too
 * large, a request Node cannot parse, a bug — answered in Polyv's v3 error envelope, so a client's
 * error handling meets the shape it already reads.
 *
 * @module
 */
import { Envelope } from "@polyv-stats/core"
import { jsonHeaders, type MockResponse } from "./MockRequest.js"

/** A v3 error envelope with `code` = the HTTP status; `fail` for the mock's own bugs. */
export const ownError = (status: number, message: string, kind: "error" | "fail" = "error"): MockResponse => ({
  status,
  headers: jsonHeaders,
  body: JSON.stringify(Envelope.v3Error(status, message, kind)),
})
