/**
 * signatureNonce replay: the same nonce within the timestamp window is refused as
 * `invalid signature.`; it is forgotten once its timestamp could no longer be accepted.
 */
import { Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { NonceBook, PolyvMock, timestampWindowMillis } from "../src/index.js"
import { adminPost, client, manualClock, now, signed } from "./support.js"

const setup = () => {
  const clock = manualClock()
  const mock = new PolyvMock({ seed: "nonce", now, clock: clock.read })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const call = async (params: Record<string, string>) => (await http.get(Contract.micHistory.path, params)).json
  return { clock, mock, call }
}

describe("nonce replay", () => {
  it("the same signed request twice: the second is refused as invalid signature", async () => {
    const { call } = setup()
    const params = signed({ signatureNonce: "abc123" })
    expect((await call(params)).code).toBe(200)
    const replay = await call(params)
    expect(replay.code).toBe(Contract.micHistory.errorCodes.InvalidSignature)
    expect((replay.error as { desc: string }).desc).toBe("invalid signature.")
  })

  it("a reused nonce with a fresh timestamp and sign is refused too; another nonce passes", async () => {
    const { clock, call } = setup()
    expect((await call(signed({ signatureNonce: "n1" }))).code).toBe(200)
    clock.advance(60_000)
    expect((await call(signed({ signatureNonce: "n1" }, {}, clock.read()))).code).toBe(400)
    expect((await call(signed({ signatureNonce: "n2" }, {}, clock.read()))).code).toBe(200)
  })

  it("is forgotten once the first request's timestamp is out of the window", async () => {
    const { clock, call } = setup()
    expect((await call(signed({ signatureNonce: "n1" }))).code).toBe(200)
    clock.advance(timestampWindowMillis + 1)
    expect((await call(signed({ signatureNonce: "n1" }, {}, clock.read()))).code).toBe(200)
  })

  it("a badly signed request does not burn the nonce", async () => {
    const { call } = setup()
    expect((await call(signed({ signatureNonce: "n1" }, { sign: "0".repeat(32) }))).code).toBe(400)
    expect((await call(signed({ signatureNonce: "n1" }))).code).toBe(200)
  })

  it("POST /__mock/reset forgets nonces", async () => {
    const { mock, call } = setup()
    const params = signed({ signatureNonce: "n1" })
    await call(params)
    await mock.fetch("http://mock.test/__mock/reset", adminPost())
    expect((await call(params)).code).toBe(200)
  })

  it("keeps a fixed-size digest of each nonce, however long: replays are still refused", async () => {
    const { mock, call } = setup()
    const huge = "n".repeat(15_000)
    const params = signed({ signatureNonce: huge })
    expect((await call(params)).code).toBe(200)
    expect((await call(params)).code).toBe(Contract.micHistory.errorCodes.InvalidSignature)
    // Two nonces that differ only in their last character are two nonces.
    expect((await call(signed({ signatureNonce: `${huge.slice(0, -1)}m` }))).code).toBe(200)
    expect(mock.nonces.size).toBe(2)
    expect(mock.nonces.keyChars).toBeLessThanOrEqual(2 * 64)
  })

  it("the book prunes expired nonces", () => {
    const book = new NonceBook(1000)
    for (let i = 0; i < 10; i++) book.use(`n${i}`, 0, 0)
    expect(book.size).toBe(10)
    book.use("late", 5000, 5000)
    expect(book.size).toBe(1)
  })
})
