/**
 * Every admin value is range-checked: a value out of range is a 400 naming the field and the range,
 * and after any admin call, refused or accepted, the clock, the journal and every endpoint answer.
 */
import { Contract } from "@polyv-stats/core"
import { Cause, Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { ClockRange, maxJournalSize, maxLatencyMillis, MockLayer, PolyvMock, startServer } from "../src/index.js"
import { adminPost, client, manualClock, now, signed } from "./support.js"

const adminOf = (mock: PolyvMock) => async (path: string, body?: unknown) => {
  const response = await mock.fetch(`http://mock.test${path}`, body === undefined ? {} : adminPost(body))
  return { status: response.status, json: await response.json() as { error?: { message: string } } }
}

const setup = () => {
  const mock = new PolyvMock({ seed: "ranges", now, clock: () => now, reportPolls: 0 })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  return { mock, http, admin: adminOf(mock) }
}

/** The clock, the journal and a signed call to each of the five endpoints, at the mock's time. */
const everythingAnswers = async ({ mock, http, admin }: ReturnType<typeof setup>) => {
  const clock = await admin("/__mock/clock")
  expect(clock.status).toBe(200)
  expect(Date.parse((clock.json as { iso: string }).iso)).toBe(mock.now())
  const channel = mock.world.channels[1]!
  const session = mock.world.sessions(channel).find((s) => s.endTime !== null)!
  const calls: ReadonlyArray<readonly [Contract.AnyEndpoint, Record<string, string>]> = [
    [Contract.exportReport, { channelId: channel.channelId, sessionId: session.sessionId }],
    [Contract.yunduoSummary, { users: mock.world.users.join(","), start: "2026-10-01", end: "2026-10-31" }],
    [Contract.liveDurations, { channelIds: channel.channelId }],
    [Contract.micHistory, {}],
    [Contract.sessionList, { channelId: channel.channelId }],
  ]
  for (const [endpoint, params] of calls) {
    const sent = await http.get(endpoint.path, signed(params, {}, mock.now()))
    // Signed at the mock's own time, each call passes the checks and gets its endpoint's answer.
    expect([200, 400], `${endpoint.name}: ${sent.text}`).toContain(sent.json.code)
    expect(sent.status).toBeLessThan(500)
    expect(sent.text).not.toMatch(/invalid timestamp|invalid signature|system error|mock failure/)
  }
  expect((await http.get(Contract.micHistory.path, signed({}, {}, mock.now()))).json.code).toBe(200)
  const journal = await admin("/__mock/journal?limit=10")
  expect(journal.status).toBe(200)
  for (const entry of (journal.json as { entries: Array<{ at: string; time: number }> }).entries) {
    expect(Date.parse(entry.at)).toBe(entry.time)
  }
}

describe("admin values out of range", () => {
  it("are refused with a 400 naming the field and the range, and break nothing", async () => {
    const target = setup()
    const refused: ReadonlyArray<readonly [string, unknown, string]> = [
      ["/__mock/clock", { set: 8_640_000_000_000_001 }, `set must be an instant from ${ClockRange.text}`],
      ["/__mock/clock", { set: -8_640_000_000_000_000 }, "set must be an instant from 2001-09-09T01:46:40.000Z"],
      ["/__mock/clock", { set: ClockRange.max + 1 }, "2286-11-20T17:46:39.999Z"],
      ["/__mock/clock", { set: ClockRange.min - 1 }, String(ClockRange.min)],
      ["/__mock/clock", { set: "9999-12-31T23:59:59Z" }, "set must be an instant from"],
      ["/__mock/clock", { set: 1.5e12 + 0.5 }, "set must be an instant"],
      [
        "/__mock/clock",
        { advance: 1e308 },
        `advance must be a whole number of milliseconds from ${ClockRange.min - now}`,
      ],
      ["/__mock/clock", { advance: -now }, `to ${ClockRange.max - now}`],
      ["/__mock/clock", { advance: 0.5 }, "advance must be a whole number"],
      [
        "/__mock/faults",
        { latencyMillis: 2 ** 31 },
        `latencyMillis must be a whole number of milliseconds from 0 to ${maxLatencyMillis}`,
      ],
      ["/__mock/faults", { latencyMillis: maxLatencyMillis + 1 }, String(maxLatencyMillis)],
      ["/__mock/faults", { latencyMillis: 1.5 }, "latencyMillis"],
      ["/__mock/faults", { rates: { fail: 1e308 } }, "rates.fail (the rate of fail) must be a number from 0 to 1"],
      ["/__mock/faults", { rates: { fail: -0.1 } }, "from 0 to 1"],
      ["/__mock/journal?limit=1e400", undefined, `limit must be a whole number from 0 to ${maxJournalSize}`],
      ["/__mock/journal?limit=1.5", undefined, "limit"],
      ["/__mock/journal?limit=-1", undefined, "limit"],
      ["/__mock/journal?limit=", undefined, "limit"],
      [`/__mock/journal?limit=${maxJournalSize + 1}`, undefined, "limit"],
    ]
    for (const [path, body, message] of refused) {
      const sent = await target.admin(path, body)
      expect(sent.status, `${path} ${JSON.stringify(body)}`).toBe(400)
      expect(sent.json.error?.message, `${path} ${JSON.stringify(body)}`).toContain(message)
      expect(target.mock.now()).toBe(now)
      await everythingAnswers(target)
    }
    expect(target.mock.faults.config).toEqual({ rates: {}, latencyMillis: 2_000 })
  })

  it("values at the edges of the ranges are taken, and everything still answers", async () => {
    const target = setup()
    const accepted: ReadonlyArray<readonly [string, unknown, number | undefined]> = [
      ["/__mock/clock", { set: ClockRange.max }, ClockRange.max],
      ["/__mock/clock", { set: ClockRange.min }, ClockRange.min],
      ["/__mock/clock", { advance: ClockRange.max - ClockRange.min }, ClockRange.max],
      ["/__mock/clock", { set: "2286-11-20T17:46:39.999Z" }, ClockRange.max],
      ["/__mock/clock", { set: now }, now],
      ["/__mock/faults", { latencyMillis: maxLatencyMillis }, undefined],
      [`/__mock/journal?limit=${maxJournalSize}`, undefined, undefined],
    ]
    for (const [path, body, clock] of accepted) {
      const sent = await target.admin(path, body)
      expect(sent.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(sent.json)}`).toBe(200)
      if (clock !== undefined) expect(target.mock.now()).toBe(clock)
      await everythingAnswers(target)
    }
    expect(target.mock.faults.config.latencyMillis).toBe(maxLatencyMillis)
  })

  it("the clock itself refuses a move out of range, whoever asks", () => {
    const { mock } = setup()
    expect(() => mock.clock.set(8_640_000_000_000_001)).toThrow(RangeError)
    expect(() => mock.clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(mock.now()).toBe(now)
  })
})

describe("the mock's clock stays within its range", () => {
  it("runs on from a set near the end and stops at the end: every answer keeps 13-digit times", async () => {
    const source = manualClock()
    const mock = new PolyvMock({ seed: "ranges", now, clock: source.read, reportPolls: 0 })
    const target = {
      mock,
      http: client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" }),
      admin: adminOf(mock),
    }
    expect((await target.admin("/__mock/clock", { set: ClockRange.max })).status).toBe(200)
    source.advance(7_000)
    expect(mock.now()).toBe(ClockRange.max)
    expect((await target.admin("/__mock/clock")).json).toMatchObject({
      now: ClockRange.max,
      iso: "2286-11-20T17:46:39.999Z",
    })
    await everythingAnswers(target)
    const v4 = await target.http.get(Contract.micHistory.path, signed({}, {}, mock.now()))
    expect(String((v4.json as { requestId?: string }).requestId).split(".")[2]).toMatch(/^\d{17}$/)
    // Moving back starts from where the clock stands, not from where it would have run to.
    expect((await target.admin("/__mock/clock", { advance: -1_000 })).status).toBe(200)
    expect(mock.now()).toBe(ClockRange.max - 1_000)
  })

  it("a source below the range reads as its start: signed calls answer, none is rate-limited", async () => {
    // As `--now 1969-12-31T23:00:00Z --real-clock` did: the data's clock negative, timestamps real.
    const mock = new PolyvMock({ seed: "ranges", clock: () => -3_600_000, timestampClock: () => now })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    expect(mock.now()).toBe(ClockRange.min)
    for (let i = 0; i < 3; i++) {
      const sent = await http.get(
        Contract.liveDurations.path,
        signed({ channelIds: mock.world.channels[0]!.channelId }),
      )
      expect(sent.json.code, sent.text).toBe(200)
    }
  })

  it("the now option is checked: an error naming it and the range, and no mock", async () => {
    for (const given of [-3_600_000, Date.parse("0000-01-01T00:00:00Z"), Date.parse("9999-12-31T23:59:59Z")]) {
      expect(() => new PolyvMock({ now: given })).toThrow(
        `the now option must be an instant from ${ClockRange.text}; got ${given}`,
      )
      await expect(startServer({ now: given })).rejects.toThrow(
        `the now option must be an instant from ${ClockRange.text}`,
      )
      const built = await Effect.runPromiseExit(Layer.build(MockLayer.inProcess({ now: given })).pipe(Effect.scoped))
      expect(Exit.isFailure(built) && Cause.pretty(built.cause)).toContain("the now option must be an instant from")
    }
  })
})
