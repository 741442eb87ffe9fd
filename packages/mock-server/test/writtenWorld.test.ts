/**
 * A written world as the endpoints read it: each session's own report readiness, session IDs of any
 * length the contract accepts, the file's defaults under the options', and the admin API's dump.
 */
import { Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { PolyvMock, worldBuilder } from "../src/index.js"
import { client, manualClock, signed } from "./support.js"

const { byName } = Contract
const now = Date.parse("2026-01-10T00:00:00Z")
const hour = 3_600_000

const world = worldBuilder({ now, reports: { polls: 1 } })
  .user("main_user-1")
  .user("other")
  .channel("100", "other")
  .session("100", { sessionId: "byPolls0", startTime: now - 9 * hour, endTime: now - 8 * hour, report: { polls: 0 } })
  .session("100", {
    sessionId: "bySeconds",
    startTime: now - 7 * hour,
    endTime: now - 6 * hour,
    report: { seconds: 30 },
  })
  .session("100", { sessionId: "fileDefault", startTime: now - 5 * hour, endTime: now - 4 * hour })
  .session("100", { sessionId: "averyveryverylongsessionid42", startTime: now - 3 * hour, endTime: null })
  .build()

const start = (options: Parameters<typeof worldBuilder>[0] & { reportPolls?: number } = {}) => {
  const clock = manualClock(now)
  const mock = new PolyvMock({ world, clock: clock.read, ...options })
  const polyv = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const poll = async (sessionId: string) =>
    (await polyv.get(byName.exportReport.path, signed({ channelId: "100", sessionId }, {}, clock.read()))).status
  return { mock, polyv, clock, poll }
}

describe("a written world", () => {
  it("makes each report ready as its session says, else as the file's reports, else as the options", async () => {
    const { poll, clock } = start()
    expect([await poll("byPolls0"), await poll("fileDefault"), await poll("fileDefault")]).toEqual([200, 400, 200])
    expect(await poll("bySeconds")).toBe(400)
    clock.advance(29_999)
    expect(await poll("bySeconds")).toBe(400)
    clock.advance(1)
    expect(await poll("bySeconds")).toBe(200)
    // The options' timing wins over the file's default, not over a session's own.
    const strict = start({ reportPolls: 3 })
    expect([await strict.poll("fileDefault"), await strict.poll("fileDefault"), await strict.poll("fileDefault")])
      .toEqual([400, 400, 400])
    expect(await strict.poll("byPolls0")).toBe(200)
  })

  it("lists and finds sessions whose IDs are not ten characters long", async () => {
    const { polyv, mock, poll } = start()
    const listed = await polyv.get(byName.sessionList.path, signed({ channelId: "100" }, {}, now))
    const ids = (listed.json.data as { contents: Array<{ sessionId: string; userId: string }> }).contents
    expect(ids.map((s) => s.sessionId)).toEqual([
      "averyveryverylongsessionid42",
      "fileDefault",
      "bySeconds",
      "byPolls0",
    ])
    expect(ids[0]!.userId).toBe("other")
    expect(mock.world.session(mock.world.channels[0]!, "bySeconds")?.startTime).toBe(now - 7 * hour)
    expect(mock.world.session(mock.world.channels[0]!, "nope")).toBeUndefined()
    // Live: never ready.
    expect(await poll("averyveryverylongsessionid42")).toBe(400)
    expect(mock.world.mainUser).toBe("main_user-1")
  })

  it("is dumped whole by GET /__mock/world?full=1, and only with full=1", async () => {
    const { polyv, mock } = start()
    const full = await polyv.admin("/__mock/world?full=1")
    expect(full.json).toEqual(mock.dumpWorld())
    expect(full.json).toMatchObject({
      appId: "polyvdemo1",
      now,
      reports: { polls: 1 },
      users: ["main_user-1", "other"],
    })
    const plain = await polyv.admin("/__mock/world")
    expect(plain.json).toMatchObject({ written: true, users: ["main_user-1", "other"] })
    expect(plain.json).not.toHaveProperty("channels.0.sessions")
    const bad = await polyv.admin("/__mock/world?full=yes")
    expect([bad.status, bad.json]).toEqual([400, {
      error: { status: 400, message: `full must be 1 (the whole world) or absent; got "yes"` },
    }])
  })

  it("refuses a dump it could not load back (the clock moved back) and one too big for one answer", async () => {
    const { polyv, mock } = start()
    mock.clock.advance(-10 * 3_600_000)
    const back = await polyv.admin("/__mock/world?full=1")
    expect(back.status).toBe(409)
    expect((back.json.error as { message: string }).message).toMatch(
      /before the world's latest instant .*move the clock/,
    )
    expect(() => mock.dumpWorld()).toThrow(RangeError)
    const huge = new PolyvMock({
      seed: "big",
      size: { channels: 11, sessionsPerChannel: 10_000 },
      now,
      clock: () => now,
    })
    const answer = await client({ fetch: huge.fetch as typeof fetch, base: "http://mock.test" }).admin(
      "/__mock/world?full=1",
    )
    expect([answer.status, (answer.json.error as { message: string }).message]).toEqual([
      413,
      "the world has 110000 sessions; over HTTP a dump stops at 100000: write it with --dump-world FILE",
    ])
  })

  it("refuses a world whose clock would start before sessions it holds (a file without now, or an earlier now option)", () => {
    const { now: _now, ...withoutNow } = world
    expect(() => new PolyvMock({ world: withoutNow, clock: () => now - 86_400_000 })).toThrow(
      /the world holds an instant \(.*\) after the mock's clock starts/,
    )
    expect(() => new PolyvMock({ world, now: now - 86_400_000 })).toThrow(RangeError)
    expect(() => new PolyvMock({ world: withoutNow, clock: () => now })).not.toThrow()
  })

  it("never dumps a secret that is not the public demo one", () => {
    const mine = new PolyvMock({ world: { ...world, appSecret: "my-own-secret" }, clock: () => now })
    expect(JSON.stringify(mine.dumpWorld())).not.toContain("my-own-secret")
    expect(mine.options.appSecret).toBe("my-own-secret")
  })
})

describe("the app secret the mock keeps out of what it quotes", () => {
  it("is one it can cut out: 8 or more characters, not all blank (option and world file alike)", () => {
    expect(() => new PolyvMock({ appSecret: "55" })).toThrow(/the appSecret option must be an app secret of 8 or more/)
    expect(() => new PolyvMock({ world: { ...world, appSecret: " " } })).toThrow(
      /appSecret: Expected an app secret of 8/,
    )
  })

  it("is cut out of each value the admin API quotes, so a secret with a quote in it leaves the JSON whole", async () => {
    const secret = "my\"secret\\1"
    const mine = new PolyvMock({ world, appSecret: secret, clock: () => now })
    mine.stub({ endpoint: byName.exportReport, answers: [{ data: `https://example.com/x${secret}y.xlsx` }] })
    const http = client({ fetch: mine.fetch as typeof fetch, base: "http://mock.test" })
    const listed = await http.admin("/__mock/stubs")
    expect(listed.status).toBe(200)
    expect(JSON.stringify(listed.json)).toContain("x<redacted>y")
    expect(JSON.stringify(listed.json)).not.toContain("secret\\\\1")
  })
})
