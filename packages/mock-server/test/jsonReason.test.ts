/** `protocol/JsonReason.ts`: why a text is not JSON, quoting none of it, with the place when V8 gives one. */
import { describe, expect, it } from "vitest"
import { notJsonReason } from "../src/protocol/JsonReason.js"

const reasonFor = (text: string) => {
  try {
    JSON.parse(text)
  } catch (error) {
    return notJsonReason(error, text)
  }
  throw new Error("parsed")
}

describe("notJsonReason", () => {
  it.each([
    [`{"appSecret": Sup3rSecretValue}`, "Unexpected character"],
    [`{"a":1\n , "appSecret": "Sup3rSecretValue" x}`, "Expected ',' or '}' after property value at line 2, column 36"],
    [`{"a":1} Sup3rSecretValue`, "Unexpected non-whitespace character after JSON at line 1, column 9"],
    [`{"appSecret": "Sup3rSecretValue`, expect.stringMatching(/^Unterminated string|^Unexpected end/)],
    ["", "Unexpected end of JSON input"],
  ])("%j → %s, nothing of the text", (text, reason) => {
    const got = reasonFor(text)
    expect(got).toEqual(reason)
    expect(got).not.toMatch(/Sup3r|Secret/)
  })
})
