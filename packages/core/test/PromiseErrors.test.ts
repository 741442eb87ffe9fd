/** The Promise API's errors: one base for "any Polyv error", a system code, and text that reads once. */
import { createServer } from "node:net"
import { inspect } from "node:util"
import { describe, expect, it } from "vitest"
import { apiFailures, type ApiFailureTag } from "../src/errors/ApiFailures.js"
import { InvalidParameter } from "../src/errors/InvalidParameter.js"
import * as Errors from "../src/errors/PolyvError.js"
import { createPolyvClient, isPolyvError, PolyvErrorBase } from "../src/index.js"

const context = { endpoint: "liveDurations", httpStatus: 403, code: 403, message: "m" }
/** One instance of every error kind, built from the list of tags (so a new kind is covered). */
const everyKind = [
  ...(Object.keys(apiFailures) as Array<ApiFailureTag>).map((tag) => Errors.fromApiFailure(tag, context, "7")),
  new Errors.TransportError({ endpoint: "liveDurations", message: "m" }),
  new Errors.UnexpectedResponse({ endpoint: "liveDurations", httpStatus: 200, message: "m", body: "" }),
  // Refused before anything is sent, and thrown by the Promise client as the others.
  new InvalidParameter({ endpoint: "liveDurations", message: "m" }),
]

/** A port nothing listens on: bound, then closed. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

describe("the Promise API's errors", () => {
  it.each(everyKind.map((e) => [e._tag, e] as const))("%s is a PolyvErrorBase and an Error", (_tag, error) => {
    expect(error).toBeInstanceOf(PolyvErrorBase)
    expect(error).toBeInstanceOf(Error)
    expect(isPolyvError(error)).toBe(true)
    expect(error.name).toBe(error._tag)
  })

  it("isPolyvError refuses other errors and non-errors", () => {
    expect(isPolyvError(new Error("m"))).toBe(false)
    expect(isPolyvError({ _tag: "InvalidSignature", message: "m" })).toBe(false)
    expect(isPolyvError(undefined)).toBe(false)
  })

  it("a refused connection rejects with a TransportError that has its system code, reads once and hides the secret", async () => {
    const secret = "s3cr3t-app-secret-value"
    const polyv = createPolyvClient({
      appId: "app",
      appSecret: secret,
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: false,
    })
    const error = await polyv.liveDurations({ channelIds: ["7"] }).catch((e: unknown) => e)
    await polyv.close()
    expect(error).toBeInstanceOf(Errors.TransportError)
    expect(error).toMatchObject({ code: "ECONNREFUSED" })
    // The cause kept: the system error alone, its code and message, not the request above it.
    const cause = (error as Errors.TransportError).cause
    expect(cause).toBeInstanceOf(Error)
    expect(cause).toMatchObject({ code: "ECONNREFUSED", message: expect.stringContaining("ECONNREFUSED") })
    const text = String(error)
    expect(text.startsWith("TransportError: ")).toBe(true)
    expect(text.match(/TransportError/g)).toHaveLength(1)
    for (const shown of [text, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(shown).not.toContain(secret)
      expect(shown).not.toMatch(/sign=/)
    }
  })
})
