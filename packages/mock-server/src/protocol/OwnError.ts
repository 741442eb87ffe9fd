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

/**
 * The strict option's answer to a request nothing explains (no stub, no world fact): HTTP and body
 * code 422, which no Polyv page uses, and a message no Polyv failure has — core's client reports it
 * as an `UnexpectedResponse` quoting it, and never retries it.
 */
export const unexpectedStatus = 422

/** The start of every strict refusal's message: what tells it apart from anything Polyv says. */
export const unexpectedPrefix = "polyv-mock strict: unexpected request"

export const unexpectedMessage = (reason: string): string => `${unexpectedPrefix}: ${reason}, and no stub answers it`
