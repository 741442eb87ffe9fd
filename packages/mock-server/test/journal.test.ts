/**
 * The request journal: what was asked and answered, the sign shown but never the secret, and
 * bounded like a ring buffer.
 */
import { Contract, Signer } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { demoCredentials, Journal, PolyvMock } from "../src/index.js"
import { client, now, signed } from "./support.js"

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
      outcome: { status: 200, code: 200, message: "" },
    })
    expect(entries[0].params[Signer.signParam]).toBe(params.sign)
    expect(entries[1].outcome).toEqual({ status: 400, code: 400, message: "invalid signature." })
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
    const journal = new Journal(2, "s")
    for (let i = 0; i < 5; i++) {
      journal.record({ time: i, method: "GET", path: "/", params: {}, outcome: { status: 200, message: "" } })
    }
    expect(journal.entries().map((e) => e.time)).toEqual([3, 4])
    expect(() => new Journal(0, "s")).toThrow()
  })
})
