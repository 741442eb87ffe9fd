/**
 * The request journal: what was asked and answered, the sign shown but never the secret, and
 * bounded like a ring buffer.
 */
import { Contract, Signer } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { demoCredentials, faultHeader, Journal, PolyvMock, SecretRedactor, startServer } from "../src/index.js"
import { mockRequest } from "../src/protocol/MockRequest.js"
import { exchange, httpCall } from "./sockets.js"
import { adminPost, client, now, signed } from "./support.js"

const journalOf = async (mock: PolyvMock) => (await mock.fetch("http://mock.test/__mock/journal")).text()

describe("journal", () => {
  it("records method, path, parameters with the sign, client, time and outcome", async () => {
    const mock = new PolyvMock({ seed: "journal", now, clock: () => now })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    const channelId = mock.world.channels[1]!.channelId
    const params = signed({ channelId })
    await http.get(Contract.sessionList.path, params)
    await http.get(Contract.sessionList.path, signed({ channelId }, { sign: "0".repeat(32) }))
    const { entries, capacity, recorded, dropped } = JSON.parse(await journalOf(mock))
    expect({ capacity, recorded, dropped }).toEqual({ capacity: 1000, recorded: 2, dropped: 0 })
    expect(entries[0]).toEqual({
      seq: 1,
      at: new Date(now).toISOString(),
      time: now,
      method: "GET",
      path: Contract.sessionList.path,
      params,
      client: "in-process",
      outcome: { status: 200, code: 200, message: "", by: "world" },
    })
    expect(entries[0].params[Signer.signParam]).toBe(params.sign)
    expect(entries[1].outcome).toEqual({
      status: 400,
      code: 400,
      message: "invalid signature.",
      failure: "InvalidSignature",
      by: "mock",
    })
  })

  it("keeps a parameter named __proto__, in the signature's base and in the entry", async () => {
    const mock = new PolyvMock({ seed: "journal", now, clock: () => now })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    // Parsed JSON, not a literal: a literal's __proto__ sets the prototype, not a key.
    const sent = await http.get(Contract.micHistory.path, signed(JSON.parse(`{"__proto__":"x"}`)))
    expect(sent.status).toBe(200)
    expect(Object.hasOwn(mock.journal.entries()[0]!.params, "__proto__")).toBe(true)
  })

  it("never contains the secret, even when a client sends it as a parameter", async () => {
    for (const appSecret of [demoCredentials.appSecret, "a-private-secret-4242"]) {
      const mock = new PolyvMock({ seed: "journal", now, clock: () => now, appSecret })
      const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
      await http.get(Contract.micHistory.path, signed({}))
      await http.get(Contract.micHistory.path, { ...signed({}), appSecret, note: `my secret is ${appSecret}` })
      await http.post(Contract.yunduoSummary.path, { ...signed({}), secret: appSecret })
      const text = await journalOf(mock)
      expect(JSON.parse(text).entries).toHaveLength(3)
      expect(text).not.toContain(appSecret)
      expect(text).toContain("<redacted>")
    }
  })

  it("redacts the secret wherever a client put it: path, names, values, method, headers, and every echo", async () => {
    // A secret of digits can be a channel ID; one with a space and a plus is percent-encoded in a path.
    for (const appSecret of ["a-private-secret-4242", "8675309012345", "pri vate+secret"]) {
      const mock = new PolyvMock({ seed: "journal", now, clock: () => now, appSecret })
      const answers: Array<string> = []
      const fetched = async (path: string, init?: RequestInit) => {
        answers.push(await (await mock.fetch(`http://mock.test${path}`, init)).text())
      }
      const handled = async (method: string, path: string, query = "") => {
        answers.push(String((await mock.handle(mockRequest({ method, path, query }))).body))
      }
      const encoded = encodeURIComponent(appSecret)
      await fetched(`/live/${encoded}/x`) // an unknown path, echoed in the 404
      await fetched(`/live/v3/${appSecret}`)
      await fetched(`${Contract.micHistory.path}?${new URLSearchParams({ ...signed({}), [appSecret]: "1" })}`)
      await fetched(`${Contract.micHistory.path}?${new URLSearchParams({ ...signed({}), note: `is ${appSecret}` })}`)
      await fetched(`${Contract.micHistory.path}?${new URLSearchParams(signed({}))}`, {
        headers: { [faultHeader]: appSecret },
      })
      await fetched(`${Contract.liveDurations.path}?${new URLSearchParams(signed({ channelIds: appSecret }))}`)
      await handled(appSecret, Contract.micHistory.path, new URLSearchParams(signed({})).toString())
      // The admin API and report links quote request text too (they are not journaled).
      await fetched(`/__mock/${encoded}`)
      await handled(appSecret, "/__mock/journal")
      await fetched("/__mock/clock", adminPost(`{"advance":"${appSecret}"}`))
      await fetched("/__mock/faults", adminPost({ rates: { [appSecret]: 0.1 } }))
      await fetched("/__mock/world", { headers: { origin: appSecret } })
      await fetched("/__mock/reset", { method: "POST", headers: { "content-type": appSecret }, body: "{}" })
      await fetched(`/__mock/reports/${encoded}.xlsx`)
      const journal = await journalOf(mock)
      const entries = JSON.parse(journal).entries as Array<{ path: string; method: string; params: object }>
      expect(entries).toHaveLength(8)
      expect(entries[0]!.path).toBe("/live/<redacted>/x")
      expect(Object.keys(entries[2]!.params)).toContain("<redacted>")
      expect(entries[6]!.method).toBe("<redacted>")
      for (const text of [journal, ...answers]) {
        for (const form of new Set([appSecret, encoded, encodeURI(appSecret), JSON.stringify(appSecret)])) {
          expect(text).not.toContain(form)
        }
      }
      expect(answers.filter((a) => a.includes("<redacted>")).length).toBeGreaterThanOrEqual(10)
    }
  })

  it("on a socket, the Host and Expect headers quoted back are redacted too", async () => {
    const appSecret = "a-private-secret-4242"
    const running = await startServer({ seed: "journal", appSecret })
    try {
      const wrongHost = await httpCall(running.url, "/__mock/journal", { headers: { host: appSecret } })
      expect(wrongHost.status).toBe(421)
      const expectation = await exchange(running.url, `GET / HTTP/1.1\r\nHost: a\r\nExpect: ${appSecret}\r\n\r\n`)
      expect(expectation).toMatch(/^HTTP\/1\.1 417/)
      for (const text of [wrongHost.text, expectation]) {
        expect(text).toContain("<redacted>")
        expect(text).not.toContain(appSecret)
      }
    } finally {
      await running.close()
    }
  })

  it("keeps only the newest entries (journalSize), counting what it dropped", async () => {
    const mock = new PolyvMock({ seed: "journal", now, clock: () => now, journalSize: 3 })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    for (let i = 0; i < 7; i++) await http.get(Contract.micHistory.path, signed({ n: String(i) }))
    const body = JSON.parse(await journalOf(mock))
    expect(body).toMatchObject({ capacity: 3, recorded: 7, dropped: 4 })
    expect(body.entries.map((e: { seq: number; params: { n: string } }) => [e.seq, e.params.n])).toEqual([
      [5, "4"],
      [6, "5"],
      [7, "6"],
    ])
    const last = JSON.parse(await (await mock.fetch("http://mock.test/__mock/journal?limit=1")).text())
    expect(last.entries.map((e: { seq: number }) => e.seq)).toEqual([7])
  })

  it("the ring on its own: wraps, and refuses a size under 1", () => {
    const journal = new Journal(2, new SecretRedactor("s"))
    for (let i = 0; i < 5; i++) {
      journal.record({ time: i, method: "GET", path: "/", params: {}, outcome: { status: 200, message: "" } })
    }
    expect(journal.entries().map((e) => e.time)).toEqual([3, 4])
    expect(() => new Journal(0, new SecretRedactor("s"))).toThrow()
  })
})
