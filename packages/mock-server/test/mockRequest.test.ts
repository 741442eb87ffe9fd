/**
 * How the mock reads parameters: first value wins across query and form, and a source with
 * nothing to decode (the fast path every signed request takes) reads exactly as `URLSearchParams`.
 */
import { describe, expect, it } from "vitest"
import { collectParams } from "../src/protocol/MockRequest.js"

/** What `URLSearchParams` makes of the sources, first value winning: the reference. */
const reference = (...sources: ReadonlyArray<string>) => {
  const params = new Map<string, string>()
  for (const source of sources) {
    for (const [name, value] of new URLSearchParams(source)) if (!params.has(name)) params.set(name, value)
  }
  return params
}

describe("collectParams", () => {
  it.each([
    ["appId=a&timestamp=1700000000000&sign=ABC&channelId=3151318"],
    ["a=1&a=2"],
    ["&&a=1&&b=&c"],
    ["=x&a==b&==&a"],
    ["a=1%202&b=x+y&c=%E5%90%8D&d=%zz&e=%"],
    ["名=值&a=é"],
    ["a=1;b=2&c=d?e/f:g"],
    ["a b=c d"],
    ["x=a+b&y+z=1"],
    [""],
  ])("reads %j as URLSearchParams does", (source) => {
    expect([...collectParams(source)]).toEqual([...reference(source)])
  })

  it("keeps the query's value over the form's, whichever path each takes", () => {
    const params = collectParams("a=1&b=x+y", "a=2&b=3&c=%41")
    expect(Object.fromEntries(params)).toEqual({ a: "1", b: "x y", c: "A" })
  })
})
