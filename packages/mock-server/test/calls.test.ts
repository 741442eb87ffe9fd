/**
 * `mock.calls(endpoint, match?)` and `GET /__mock/calls`: what a test's code asked, decoded by the
 * contract, with what answered it; read from the journal, so bounded by it and reset with it.
 */
import { Contract } from "@polyv-stats/core"
import { describe, expect, expectTypeOf, it } from "vitest"
import { faultHeader, PolyvMock, startServer } from "../src/index.js"
import { httpCall } from "./sockets.js"
import { client, now, signed } from "./support.js"

const start = (journalSize?: number) => {
  const mock = new PolyvMock({ seed: "calls", now, clock: () => now, ...(journalSize ? { journalSize } : {}) })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const channelId = mock.world.channels[1]!.channelId
  return { mock, http, channelId }
}

describe("mock.calls", () => {
  it("lists the calls to one endpoint, parameters decoded and typed, answered by the world", async () => {
    const { mock, http, channelId } = start()
    for (const page of ["1", "2", "3"]) await http.get(Contract.sessionList.path, signed({ channelId, page }))
    await http.get(Contract.micHistory.path, signed({}))
    const calls = mock.calls(Contract.byName.sessionList)
    expect(calls).toHaveLength(3)
    expectTypeOf(calls[0]!.params).toEqualTypeOf<Contract.ParamsOf<typeof Contract.sessionList> | undefined>()
    expect(calls.map((call) => call.params?.page)).toEqual([1, 2, 3])
    expect(calls[0]).toMatchObject({
      endpoint: "sessionList",
      seq: 1,
      time: now,
      at: new Date(now).toISOString(),
      method: "GET",
      params: { channelId, page: 1 },
      outcome: { status: 200, code: 200, by: "world" },
      by: "world",
    })
    // The wire parameters as received, never the sign.
    expect(calls[0]!.wire).toEqual({ appId: expect.any(String), timestamp: String(now), channelId, page: "1" })
    expect(mock.calls(Contract.byName.micHistory)).toHaveLength(1)
    expect(mock.calls(Contract.byName.yunduoSummary)).toEqual([])
  })

  it("filters by a partial of the decoded parameters", async () => {
    const { mock, http, channelId } = start()
    const other = mock.world.channels[0]!.channelId
    await http.get(Contract.sessionList.path, signed({ channelId, page: "1" }))
    await http.get(Contract.sessionList.path, signed({ channelId, page: "2" }))
    await http.get(Contract.sessionList.path, signed({ channelId: other, page: "2" }))
    expect(mock.calls(Contract.byName.sessionList, { channelId })).toHaveLength(2)
    expect(mock.calls(Contract.byName.sessionList, { page: 2 })).toHaveLength(2)
    expect(mock.calls(Contract.byName.sessionList, { channelId: other, page: 2 }).map((c) => c.seq)).toEqual([3])
    // Decoded values, not wire strings: "2" is not the page.
    expect(mock.calls(Contract.byName.sessionList, { page: "2" as unknown as number })).toEqual([])
  })

  it("includes refused calls, saying why and who refused", async () => {
    const { mock, http, channelId } = start()
    await http.get(Contract.sessionList.path, signed({ channelId }, { sign: "0".repeat(32) }))
    await http.get(Contract.sessionList.path, signed({ channelId, page: "zero" }))
    // A gateway's HTML page, not JSON: sent without the JSON-reading helper.
    await mock.fetch(`http://mock.test${Contract.sessionList.path}?${new URLSearchParams(signed({ channelId }))}`, {
      headers: { [faultHeader]: "server-error" },
    })
    await http.get(Contract.sessionList.path, signed({ channelId: "1" }))
    // Refused before any check: a fault header naming no kind, and a method the endpoint does not take.
    const query = new URLSearchParams(signed({ channelId }))
    await mock.fetch(`http://mock.test${Contract.sessionList.path}?${query}`, { headers: { [faultHeader]: "nope" } })
    await mock.fetch(`http://mock.test${Contract.sessionList.path}?${query}`, { method: "DELETE" })
    const [badSign, badParam, fault, unknown, badHeader, badMethod] = mock.calls(Contract.byName.sessionList)
    expect(badHeader).toMatchObject({ by: "mock", outcome: { status: 400 } })
    expect(badMethod).toMatchObject({ by: "mock", outcome: { status: 405 } })
    expect(badSign).toMatchObject({
      by: "mock",
      params: { channelId },
      outcome: { status: 400, code: 400, failure: "InvalidSignature", message: "invalid signature." },
    })
    expect(badParam).toMatchObject({ by: "mock", params: undefined, outcome: { failure: "ParamValidateError" } })
    expect(badParam!.wire.page).toBe("zero")
    expect(fault).toMatchObject({ by: "fault", outcome: { status: 502, fault: "server-error" } })
    expect(unknown).toMatchObject({ by: "world", params: { channelId: "1" } })
    expect(unknown!.outcome.failure).toBeDefined()
    // A call whose parameters did not decode never matches a filter; the refused ones whose did, do.
    expect(mock.calls(Contract.byName.sessionList, { channelId }).map((call) => call.seq)).toEqual(
      [badSign, fault, badHeader, badMethod].map((call) => call!.seq),
    )
  })

  it("is bounded by the journal and forgotten on reset", async () => {
    const { mock, http, channelId } = start(2)
    for (const page of ["1", "2", "3"]) await http.get(Contract.sessionList.path, signed({ channelId, page }))
    expect(mock.calls(Contract.byName.sessionList).map((c) => c.params?.page)).toEqual([2, 3])
    mock.reset()
    expect(mock.calls(Contract.byName.sessionList)).toEqual([])
  })
})

describe("GET /__mock/calls", () => {
  it("answers the calls to the named endpoint over a socket, never the sign; names the endpoints when wrong", async () => {
    const running = await startServer({ seed: "calls", now, clock: () => now })
    try {
      const channelId = running.mock.world.channels[1]!.channelId
      const params = signed({ channelId, page: "2" })
      await fetch(`${running.url}${Contract.sessionList.path}?${new URLSearchParams(params)}`)
      await fetch(`${running.url}${Contract.micHistory.path}?${new URLSearchParams(signed({}))}`)
      const answer = await httpCall(running.url, "/__mock/calls?endpoint=sessionList")
      expect(answer.status).toBe(200)
      const body = JSON.parse(answer.text)
      expect(body.endpoint).toBe("sessionList")
      expect(body.calls).toHaveLength(1)
      expect(body.calls[0]).toMatchObject({ params: { channelId, page: 2 }, by: "world", outcome: { status: 200 } })
      expect(answer.text).not.toContain(params.sign!)
      const wrong = await httpCall(running.url, "/__mock/calls?endpoint=nope")
      expect(wrong.status).toBe(400)
      expect(JSON.parse(wrong.text).error.message).toBe(
        `endpoint must name one of ${Object.keys(Contract.byName).join(", ")}; got "nope"`,
      )
      expect((await httpCall(running.url, "/__mock/calls")).status).toBe(400)
      // Behind the admin gate: another site's page is refused.
      const foreign = await httpCall(running.url, "/__mock/calls?endpoint=sessionList", {
        headers: { origin: "https://evil.example" },
      })
      expect(foreign.status).toBe(403)
    } finally {
      await running.close()
    }
  })
})
