import { Contract, Envelope } from "@polyv-stats/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyRuns } from "../../../propertyRuns.js"
import { plainBody } from "../src/endpoints/EndpointContext.js"
import { writeSessionListBody } from "../src/endpoints/SessionListBody.js"

// The plain version the writer stands in for: the contract's encoder, then `JSON.stringify`.
const plain = plainBody(Contract.sessionList)

// Any text (quotes, control characters, lone surrogates), and IDs of digits, which the contract
// sends as numbers; a few fixed IDs, so that sessions of a page often share their channel (the
// writer remembers, within a page, what an ID encoded to).
const anyText = fc.string({ unit: "binary", maxLength: 12 })
const digits = fc.stringMatching(/^\d{1,20}$/)
const session: fc.Arbitrary<Contract.Session> = fc.record({
  sessionId: anyText,
  channelId: fc.oneof(digits, anyText, fc.constantFrom("2272655", "2477096", "ch")),
  userId: fc.oneof(digits, anyText),
  startTime: fc.double(),
  endTime: fc.option(fc.double(), { nil: null }),
  customId: fc.option(anyText, { nil: null }),
}, { requiredKeys: ["sessionId", "channelId", "userId", "startTime", "endTime"] })
const int = fc.integer({ min: -1e6, max: 1e12 })
const page: fc.Arbitrary<Contract.SessionPage> = fc.record({
  pageSize: int,
  pageNumber: int,
  totalItems: int,
  contents: fc.array(session, { maxLength: 5 }),
  startRow: int,
  firstPage: fc.boolean(),
  lastPage: fc.boolean(),
  prePageNumber: int,
  nextPageNumber: int,
  limit: int,
  totalPages: int,
  endRow: int,
  offset: int,
})
const envelopes = [Envelope.v3Success, (wire: unknown) => Envelope.v4Success("req-1", wire)]

describe("the session list's body writer", () => {
  it("writes the bytes of JSON.stringify around the contract's encoding, for any page, in either envelope", () => {
    fc.assert(
      fc.property(page, fc.constantFrom(...envelopes), (p, envelope) => {
        expect(writeSessionListBody(p, envelope)).toBe(plain(p, envelope))
      }),
      propertyRuns(300),
    )
  })
})
