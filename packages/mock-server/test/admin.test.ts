/**
 * The admin API under /__mock/, the same in-process and on a socket: JSON answers, clear errors.
 */
import { Contract } from "@polyv-stats/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { faultKinds, type PolyvMock } from "../src/index.js"
import { client, inProcess, now, signed, socket, type Target } from "./support.js"

const adminSuite = (target: Target) =>
  describe(`admin API: ${target.name}`, () => {
    let running: Awaited<ReturnType<Target["start"]>>
    let mock: PolyvMock
    let http: ReturnType<typeof client>
    beforeAll(async () => {
      running = await target.start({ seed: "admin", now, clock: () => now, size: { channels: 4 } })
      mock = running.mock
      http = client(running)
    })
    afterAll(() => running.stop())

    it("GET /__mock/ lists the routes", async () => {
      const sent = await http.admin("/__mock/")
      expect(sent.status).toBe(200)
      const paths = (sent.json.routes as Array<{ path: string }>).map((r) => r.path)
      for (const name of ["journal", "reset", "faults", "clock", "world", "openapi.json"]) {
        expect(paths).toContain(`/__mock/${name}`)
      }
      // Only read: a write to the index is no route.
      expect((await http.admin("/__mock/", {})).status).toBe(405)
    })

    it("GET /__mock/world: seed, users and channels of the world", async () => {
      const { json } = await http.admin("/__mock/world")
      expect(json).toMatchObject({ seed: "admin", users: mock.world.users, mainUser: mock.world.mainUser })
      expect(json.channels).toEqual(mock.world.channels)
    })

    it("POST /__mock/clock sets and advances the clock, and the timestamp check follows it", async () => {
      const later = now + 3_600_000
      const set = await http.admin("/__mock/clock", { set: new Date(later).toISOString() })
      expect(set.json).toMatchObject({ now: later, offsetMillis: 3_600_000 })
      expect((await http.get(Contract.micHistory.path, signed({}))).json.code).toBe(400)
      expect((await http.get(Contract.micHistory.path, signed({}, {}, later))).json.code).toBe(200)
      const advanced = await http.admin("/__mock/clock", { advance: 60_000 })
      expect(advanced.json.now).toBe(later + 60_000)
      expect((await http.admin("/__mock/clock", { set: now })).json.now).toBe(now)
      expect((await http.admin("/__mock/clock")).json).toMatchObject({ now, iso: new Date(now).toISOString() })
    })

    it("POST /__mock/faults changes rates at runtime; GET shows them", async () => {
      const changed = await http.admin("/__mock/faults", { rates: { fail: 1 }, latencyMillis: 10 })
      expect(changed.json).toMatchObject({ rates: { fail: 1 }, latencyMillis: 10, kinds: [...faultKinds] })
      expect((await http.get(Contract.micHistory.path, signed({}))).status).toBe(500)
      await http.admin("/__mock/faults", { rates: {} })
      expect((await http.get(Contract.micHistory.path, signed({}))).status).toBe(200)
      expect((await http.admin("/__mock/faults")).json).toMatchObject({ rates: {}, latencyMillis: 10 })
    })

    it("POST /__mock/reset empties the journal and says what it reset", async () => {
      await http.get(Contract.micHistory.path, signed({}))
      expect(((await http.admin("/__mock/journal")).json.entries as Array<unknown>).length).toBeGreaterThan(0)
      const reset = await http.admin("/__mock/reset", "")
      expect(reset.json.reset).toEqual([
        "journal",
        "reports",
        "nonces",
        "rateLimit",
        "faultDraws",
        "stubUses",
        "cassetteAnswers",
        "requestIds",
      ])
      expect((await http.admin("/__mock/journal")).json).toMatchObject({ recorded: 0, entries: [] })
    })

    it("GET /__mock/openapi.json serves the document with this mock among the servers", async () => {
      const { json } = await http.admin("/__mock/openapi.json")
      expect(json.openapi).toBe("3.1.0")
      expect(Object.keys(json.paths as object)).toHaveLength(Contract.endpoints.length)
    })

    it("answers mistakes with a clear JSON error: 404, 405, 400", async () => {
      const errors = [
        [await http.admin("/__mock/nope"), 404, "GET /__mock/ lists them"],
        [await http.admin("/__mock/reset"), 405, "accepts POST"],
        [await http.admin("/__mock/clock", "{not json"), 400, "not JSON"],
        [await http.admin("/__mock/clock", { advance: "soon" }), 400, "advance"],
        [await http.admin("/__mock/clock", { set: "tomorrow" }), 400, "ISO instant"],
        [await http.admin("/__mock/clock", { set: "2026-02-30T00:00:00Z" }), 400, "ISO instant"],
        [await http.admin("/__mock/faults", { rates: { meteor: 0.1 } }), 400, "unknown fault kind"],
        [await http.admin("/__mock/faults", { rates: { reset: 0.8, fail: 0.8 } }), 400, "at most 1"],
        [await http.admin("/__mock/faults", { latencyMillis: -1 }), 400, "latencyMillis"],
        [await http.admin("/__mock/journal?limit=x"), 400, "limit"],
      ] as const
      for (const [sent, status, text] of errors) {
        expect(sent.status, sent.text).toBe(status)
        expect((sent.json.error as { message: string }).message, sent.text).toContain(text)
      }
    })

    it("a clock move is set or advance, one of the two; a mistake names the field and its form", async () => {
      const message = async (body: unknown) => {
        const sent = await http.admin("/__mock/clock", body)
        expect(sent.status, sent.text).toBe(400)
        // What comes before the example is the diagnosis: it must name the field itself.
        return (sent.json.error as { message: string }).message.split("; send e.g.")[0]!
      }
      const both = await message({ set: now + 60_000, advance: 5 })
      expect(both).toMatch(/set or advance, not both/)
      expect(both).toContain("ISO instant")
      expect(await message({})).toMatch(/needs set or advance: set \(an ISO instant.*advance \(milliseconds/)
      expect(await message({ advance: "5" })).toContain(`["advance"]`)
      expect(await message({ set: true })).toContain(`["set"]`)
      expect(mock.now()).toBe(now)
    })

    it("HEAD on a GET route answers as GET, without a body; on a POST-only route 405", async () => {
      for (const path of ["/__mock/", "/__mock/world", "/__mock/journal", "/__mock/clock", "/__mock/openapi.json"]) {
        const head = await running.fetch(`${running.base}${path}`, { method: "HEAD" })
        expect(head.status, path).toBe(200)
        expect(head.headers.get("content-type"), path).toContain("application/json")
        expect(await head.text(), path).toBe("")
      }
      const reset = await running.fetch(`${running.base}/__mock/reset`, { method: "HEAD" })
      expect(reset.status).toBe(405)
    })
  })

adminSuite(inProcess)
adminSuite(socket)
