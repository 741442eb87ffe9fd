/**
 * Options are checked before a mock is made, and before `startServer` binds its port: a refused
 * option never listens, and a mock made of checked options is the mock made of the options.
 */
import { createHash } from "node:crypto"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { describe, expect, it } from "vitest"
import { CheckedOptions, PolyvMock, startServer } from "../src/index.js"

const token = "admin-token-Zq81"
const clash = {
  stubs: [
    { endpoint: { name: "micHistory" }, name: "a", answers: [{ failure: "RateLimited" }] },
    { endpoint: { name: "micHistory" }, name: "a", answers: [{ failure: "RateLimited" }] },
  ],
} as never
/** Every kind of option a mock refuses, each alone. */
const refused = [
  { now: 5 },
  { appSecret: "55" },
  { adminToken: "has spaces" },
  { journalSize: 0 },
  { faults: { rates: { reset: 2 } } },
  { faults: { rates: {}, latencyMillis: -5 } },
  clash,
] as ReadonlyArray<unknown> as ReadonlyArray<never>

describe("CheckedOptions", () => {
  it("refuses what new PolyvMock refuses, with the same message", () => {
    for (const bad of refused) {
      const made = (() => {
        try {
          return `made ${new PolyvMock(bad).options.seed}`
        } catch (error) {
          return (error as Error).message
        }
      })()
      expect(made).not.toMatch(/^made /)
      expect(() => CheckedOptions.of(bad)).toThrow(made)
    }
  })

  it("makes the same mock; the URL is added later, without a trailing slash; the token is never kept", () => {
    const secret = "user-secret-Q7w"
    const options = { seed: "checked", now: Date.parse("2026-01-15T08:00:00Z"), adminToken: token, appSecret: secret }
    const checked = CheckedOptions.of(options)
    const mock = new PolyvMock(checked.withPublicUrl("http://127.0.0.1:8787/"))
    const plain = new PolyvMock(options)
    expect(mock.options.publicUrl).toBe("http://127.0.0.1:8787")
    expect(mock.world.channels).toEqual(plain.world.channels)
    expect({ ...mock.options, publicUrl: "", clock: 0 }).toEqual({ ...plain.options, publicUrl: "", clock: 0 })
    expect(mock.adminGate.requiresToken).toBe(true)
    // As another copy of the package would hand it over: not an instance of this copy's class.
    const foreign = new PolyvMock({ ...checked.withPublicUrl("http://elsewhere.test") } as never)
    expect(foreign.options.publicUrl).toBe("http://elsewhere.test")
    expect(foreign.options.seed).toBe("checked")
    // Neither the token, its digest (guessable from a short token) nor the app secret is shown.
    const tokenDigest = createHash("sha256").update(token).digest()
    for (const shown of [inspect(checked, { depth: 10 }), JSON.stringify(checked)]) {
      expect(shown).toContain("checked")
      for (const hidden of [token, secret, tokenDigest.toString("hex"), tokenDigest.toString("base64")]) {
        expect(shown).not.toContain(hidden)
      }
      expect(shown).not.toMatch(/Buffer|\[Object: null prototype\]|\b(?:\d{1,3}, ){8}/)
    }
  })
})

describe("startServer", () => {
  it("refuses bad options before it binds the port: a taken port is not what it reports", async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    try {
      const port = (taken.address() as AddressInfo).port
      for (const bad of refused) {
        const refusal = await startServer({ port, ...(bad as object) }).then(
          (running) => running.close().then(() => "served"),
          (error: NodeJS.ErrnoException) => error,
        )
        expect(refusal, JSON.stringify(bad)).toBeInstanceOf(Error)
        expect((refusal as NodeJS.ErrnoException).code, JSON.stringify(bad)).not.toBe("EADDRINUSE")
      }
      // Good options on the same port: Node's own refusal to listen.
      await expect(startServer({ port })).rejects.toMatchObject({ code: "EADDRINUSE", syscall: "listen" })
    } finally {
      taken.close()
    }
  })
})
