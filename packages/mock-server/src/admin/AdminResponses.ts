/**
 * The admin API's answers: plain JSON, errors as `{ "error": { "status", "message" } }`. Kept
 * apart from Polyv's envelopes on purpose, so nobody mistakes a mock control answer for Polyv's.
 *
 * @module
 */
import { jsonHeaders, type MockResponse } from "../protocol/MockRequest.js"

export const adminJson = (value: unknown, status = 200): MockResponse => ({
  status,
  headers: jsonHeaders,
  body: JSON.stringify(value, null, 2),
})

export const adminError = (status: number, message: string): MockResponse =>
  adminJson({ error: { status, message } }, status)
