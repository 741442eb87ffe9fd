import { Contract, Signer } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { demoCredentials, PolyvMock, timestampWindowMillis } from "../src/index.js"
import { client, now, secret, signed } from "./support.js"

const mock = new PolyvMock({ seed: "auth", now, clock: () => now })
const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
const channelId = mock.world.channels[0]!.channelId
const path = Contract.sessionList.path
const message = async (params: Record<string, string>) => (await http.get(path, params)).json.message

describe("Polyv's checks, in Polyv's order", () => {
  it("appId missing wins over everything else", async () => {
    expect(await message(signed({ channelId: "x" }, { appId: null, timestamp: "1", sign: "bad" }))).toBe(
      "appId is required.",
    )
  })
  it("an unknown app wins over a bad timestamp and sign", async () => {
    expect(await message(signed({ channelId: "x" }, { appId: "other", timestamp: "1", sign: "bad" }))).toBe(
      "application not found.",
    )
  })
  it("a bad timestamp wins over a bad sign", async () => {
    expect(await message(signed({ channelId: "x" }, { timestamp: "1", sign: "bad" }))).toBe("invalid timestamp.")
  })
  it("a bad sign wins over bad parameters", async () => {
    expect(await message(signed({ channelId: "x" }, { sign: "bad" }))).toBe("invalid signature.")
  })
  it("then the parameters: missing, then malformed, then unknown channel", async () => {
    expect(await message(signed({}))).toBe("param should not be empty: channelId")
    expect(await message(signed({ channelId: "12ab" }))).toBe("param validate error")
    expect(await message(signed({ channelId: "999" }))).toBe("illegal channel id: 999")
  })
})

describe("timestamp window", () => {
  const at = async (offset: number) => (await http.get(path, signed({ channelId }, {}, now + offset))).json.message
  it("accepts exactly 3 minutes either side", async () => {
    expect(await at(timestampWindowMillis)).toBe("")
    expect(await at(-timestampWindowMillis)).toBe("")
  })
  it("refuses one millisecond more", async () => {
    expect(await at(timestampWindowMillis + 1)).toBe("invalid timestamp.")
    expect(await at(-timestampWindowMillis - 1)).toBe("invalid timestamp.")
  })
  it("refuses a timestamp that is not 13 digits", async () => {
    expect(await message(signed({ channelId }, { timestamp: String(Math.floor(now / 1000)) }))).toBe(
      "invalid timestamp.",
    )
  })
})

describe("signatures", () => {
  it("verifies SHA-256 when signatureMethod=SHA256, over every received parameter", async () => {
    const params = signed({ channelId, signatureMethod: "SHA256", signatureNonce: "n-1" })
    expect(params.sign).toHaveLength(64)
    expect((await http.get(path, params)).json.code).toBe(200)
  })
  it("refuses an unknown signatureMethod", async () => {
    expect(await message(signed({ channelId, signatureMethod: "SHA1" }))).toBe("invalid signature.")
  })
  it("refuses a sign made with another secret or over other parameters", async () => {
    const params = signed({ channelId })
    expect(await message({ ...params, page: "2" })).toBe("invalid signature.")
    const other = { appId: demoCredentials.appId, timestamp: String(now), channelId }
    expect(await message({ ...other, sign: Signer.sign(other, secret).toLowerCase() })).toBe("invalid signature.")
  })
  it("ignores blank parameters, as the signer drops them", async () => {
    const params = signed({ channelId })
    expect((await http.get(path, { ...params, startDate: "", endDate: "  " })).json.code).toBe(200)
  })
})

describe("HTTP status", () => {
  it("equals the body code by default, and is 200 in always200 mode", async () => {
    const bad = signed({ channelId }, { sign: "bad" })
    expect((await http.get(path, bad)).status).toBe(400)
    const always = new PolyvMock({ seed: "auth", now, clock: () => now, httpStatus: "always200" })
    const response = await always.fetch(`http://mock.test${path}?${new URLSearchParams(bad)}`)
    expect(response.status).toBe(200)
    expect((await response.json()).code).toBe(400)
  })
})
