import { describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { signVectors } from "../../../spec/seedPages.js"
import { RequestSigning, Signer } from "../src/index.js"

const { appSecret, vectors } = signVectors()
const secret = Redacted.make(appSecret)

describe("Signer against sign-vectors.json", () => {
  it.each(vectors)("$case", (vector) => {
    expect(Signer.methodOf(vector.params)).toBe(vector.method)
    expect(Signer.sign(vector.params, secret)).toBe(vector.sign)
  })
})

describe("Signer steps", () => {
  it("drops null, empty and blank values and never signs `sign`", () => {
    expect(Signer.signedEntries({ b: "2", a: "1", c: null, d: "", e: "  ", sign: "X" })).toEqual([["a", "1"], [
      "b",
      "2",
    ]])
  })

  it("signs raw values: a space and colons are signed as they are", () => {
    const entries = Signer.signedEntries({ startDate: "2022-05-01 00:00:00", appId: "x" })
    expect(Signer.canonicalString(entries)).toBe("appIdxstartDate2022-05-01 00:00:00")
  })

  it("orders by code unit, so upper case sorts before lower case", () => {
    expect(Signer.signedEntries({ b: "1", B: "2", a: "3" }).map(([k]) => k)).toEqual(["B", "a", "b"])
  })

  it("changes with every parameter, the nonce included", () => {
    const base = { appId: "a", timestamp: "1" }
    const signs = new Set([
      Signer.sign(base, secret),
      Signer.sign({ ...base, signatureNonce: "n1" }, secret),
      Signer.sign({ ...base, signatureNonce: "n2" }, secret),
      Signer.sign({ ...base, timestamp: "2" }, secret),
    ])
    expect(signs.size).toBe(4)
  })

  it("does not know methods other than MD5 and SHA256", () => {
    expect(Signer.methodOf({ signatureMethod: "SHA1" })).toBeUndefined()
    expect(Signer.methodOf({ signatureMethod: "MD5" })).toBe("MD5")
  })

  it("compares signatures exactly", () => {
    expect(Signer.matches("ABC", "ABC")).toBe(true)
    expect(Signer.matches("ABC", "ABD")).toBe(false)
    expect(Signer.matches("ABC", "AB")).toBe(false)
  })
})

describe("Signer.signed: the one routine the client signs with and the mock checks with", () => {
  it.each(vectors)("$case: the parameters sent and their sign", (vector) => {
    const { params, sign } = Signer.signed(vector.params, secret)
    expect(sign).toBe(vector.sign)
    expect(params).toEqual(Signer.signedEntries(vector.params))
  })

  it("signs with the method given, whatever `signatureMethod` says", () => {
    const params = { appId: "a", timestamp: "1", signatureMethod: "SHA256" }
    const canonical = Signer.canonicalString(Signer.signedEntries(params))
    expect(Signer.signed(params, secret).sign).toBe(Signer.digest("SHA256", secret, canonical))
    expect(Signer.signed(params, secret, "MD5").sign).toBe(Signer.digest("MD5", secret, canonical))
    expect(Signer.signed(params, secret, "MD5").sign).toHaveLength(32)
  })

  it("is what the client sends: appId, timestamp, method and nonce added and signed, the sign apart", () => {
    const credentials = { appId: "g4rqgmmjuo", appSecret: secret, signatureMethod: "SHA256" as const }
    const { params, sign } = RequestSigning.signParams(
      credentials,
      { channelId: "2272655", blank: " " },
      1660270926732,
      "n1",
    )
    expect(params).toEqual([
      ["appId", "g4rqgmmjuo"],
      ["channelId", "2272655"],
      ["signatureMethod", "SHA256"],
      ["signatureNonce", "n1"],
      ["timestamp", "1660270926732"],
    ])
    // The mock verifies over what it received: the same parameters give the same sign.
    expect(sign).toBe(Signer.sign(Object.fromEntries(params), secret))
  })
})
