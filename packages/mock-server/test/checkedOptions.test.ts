/**
 * Options are checked before a mock is made, and before `startServer` binds its port: a refused
 * option never listens, and a mock made of checked options is the mock made of the options.
 */
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

describe("CheckedOptions", () => {
  it("refuses what new PolyvMock refuses, with the same message", () => {
    for (const bad of [{ now: 5 }, { appSecret: "55" }, { adminToken: "has spaces" }, clash]) {
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
    const options = { seed: "checked", now: Date.parse("2026-01-15T08:00:00Z"), adminToken: token }
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
    expect(inspect(checked, { depth: 10 })).not.toContain(token)
    expect(JSON.stringify(checked)).not.toContain(token)
  })
})

describe("startServer", () => {
  it("refuses bad options before it binds the port: a taken port is not what it reports", async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    try {
      const port = (taken.address() as AddressInfo).port
      await expect(startServer({ port, ...(clash as object) })).rejects.toThrow(/the stubs option has problems/)
      await expect(startServer({ port, now: 5 })).rejects.toThrow(/the now option/)
      // Good options on the same port: Node's own refusal to listen.
      await expect(startServer({ port })).rejects.toMatchObject({ code: "EADDRINUSE", syscall: "listen" })
    } finally {
      taken.close()
    }
  })
})
