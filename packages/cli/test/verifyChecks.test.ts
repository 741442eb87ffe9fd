/**
 * The verify checks table, in process: which checks a run skips when the account has not given
 * what they need. Only the report's valid call needs more than `--channel` (an ended session).
 */
import { describe, expect, it } from "vitest"
import * as Checks from "../src/verify/Checks.js"

const known: Checks.Known = { channel: "2272655", session: undefined, users: undefined, now: 0 }

describe("Checks.missingFor", () => {
  it("skips the report's valid call, and only it, until an ended session is known", () => {
    const skipped = Checks.checks.filter((check) => Checks.missingFor(check, known) !== undefined)
    expect(skipped.map((check) => check.id)).toEqual(["exportReport: valid call"])
    expect(Checks.missingFor(skipped[0]!, known)).toContain("give --session")
    expect(Checks.checks.filter((check) => Checks.missingFor(check, { ...known, session: "fv3ldt4dhn" }))).toEqual([])
  })
})
