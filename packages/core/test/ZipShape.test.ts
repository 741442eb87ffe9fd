/**
 * The zip-shape check, in-process: a zip-shaped body passes however it is cut into chunks, and
 * longer than the tail it keeps; any body cut short of its end, or not starting as a zip does,
 * fails, and a bad start fails at once.
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { propertyRuns } from "../../../propertyRuns.js"
import * as ZipShape from "../src/files/ZipShape.js"
import { zipShaped } from "./zipShaped.js"

/** Feeds `bytes` in chunks that end at `cuts`; what the check says (the first problem found). */
const check = (bytes: Uint8Array, cuts: ReadonlyArray<number> = []) => {
  const shape = ZipShape.make()
  let from = 0
  for (const to of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).toSorted((a, b) => a - b)) {
    const problem = shape.feed(bytes.subarray(from, to))
    if (problem !== undefined) return problem
    from = to
  }
  return shape.feed(bytes.subarray(from)) ?? shape.end()
}

/** A zip-shaped body, with a comment of up to the largest length, and where to cut it into chunks. */
const body = fc.record({
  length: fc.integer({ min: 26, max: 2 * ZipShape.tailLength }),
  comment: fc.integer({ min: 0, max: 0xffff }),
  cuts: fc.array(fc.nat(2 * ZipShape.tailLength + 0xffff), { maxLength: 8 }),
}).map(({ length, comment, cuts }) => ({
  bytes: zipShaped(length + comment, new Uint8Array(comment).fill(0x50)),
  cuts,
}))

describe("ZipShape", () => {
  it("accepts a zip-shaped body however it is chunked, shorter or longer than the tail kept", () => {
    fc.assert(fc.property(body, ({ bytes, cuts }) => check(bytes, cuts) === undefined), propertyRuns(40))
  })

  it("refuses every body cut short of its end", () => {
    fc.assert(
      fc.property(body, fc.double({ min: 0, max: 1, maxExcluded: true }), ({ bytes, cuts }, at) => {
        const cut = bytes.subarray(0, Math.floor(at * bytes.length))
        return check(cut, cuts) !== undefined
      }),
      propertyRuns(40),
    )
  })

  it("says what is wrong: empty, too short, a bad start (at once), no end record", () => {
    expect(check(new Uint8Array(0))).toBe("the body is empty")
    expect(check(Uint8Array.of(0x50, 0x4b, 0x03, 0x04))).toBe("the body is 4 bytes, too short for a zip")
    const shape = ZipShape.make()
    expect(shape.feed(Uint8Array.of(0x50, 0x4b))).toBeUndefined()
    expect(shape.feed(new TextEncoder().encode("<html>"))).toBe("it starts with 3c 68, not with a zip's 50 4b 03 04")
    const noEnd = zipShaped(100)
    noEnd[noEnd.length - 2] = 1 // the record's comment length now reaches past the end
    expect(check(noEnd)).toBe("it does not end with a zip's end-of-central-directory record (cut off?)")
  })
})
