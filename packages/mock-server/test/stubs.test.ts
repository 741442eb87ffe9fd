/**
 * Stubs: answers a test chooses, checked against the contract when made, after Polyv's own checks.
 * The failures a stub gives are compared with the pages' own JSON examples in spec/seeds/.
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { jsonExamples } from "../../../spec/seedPages.js"
import { faultHeader, PolyvMock } from "../src/index.js"
import { failureValues } from "../src/stubs/Stub.js"
import { client, now, shapeOf, signed } from "./support.js"

const start = (options: ConstructorParameters<typeof PolyvMock>[0] = {}) => {
  const mock = new PolyvMock({ seed: "stubs", now, clock: () => now, ...options })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const channel = mock.world.channels[1]!
  return { mock, http, channelId: channel.channelId, channel }
}

/** A valid request of each endpoint (the world's own IDs), as wire parameters. */
const validParams = (mock: PolyvMock): { readonly [K in Contract.EndpointName]: Record<string, string> } => {
  const channel = mock.world.channels[1]!
  return {
    exportReport: { channelId: channel.channelId, sessionId: mock.world.sessions(channel)[3]!.sessionId },
    yunduoSummary: { users: mock.world.mainUser, start: "2026-11-01", end: "2026-11-20" },
    liveDurations: { channelIds: channel.channelId },
    micHistory: {},
    sessionList: { channelId: channel.channelId },
  }
}

/** The value a stub gives a failure's `%s`; a page's example may show the `%s` itself. */
const channelValue = "10001"

describe("a stub of each documented failure of each endpoint", () => {
  const { mock, http } = start()
  const params = validParams(mock)
  // What each page shows for its failures, by message: Polyv's words, not our constants.
  const pageExamples = (endpoint: Contract.AnyEndpoint) =>
    new Map(
      jsonExamples(endpoint.seed)
        .filter((example) => example.status === "error")
        .map((example) => {
          const message = String(example.message ?? (example.error as { desc: string }).desc)
          const filled = message.replace("%s", channelValue)
          return [filled, example.message === undefined ? example : { ...example, message: filled }] as const
        }),
    )
  const cases = (Contract.endpoints as ReadonlyArray<Contract.AnyEndpoint>).flatMap((endpoint) =>
    (Object.keys(endpoint.errorCodes) as Array<ApiFailures.ApiFailureTag>).map((failure) => ({
      endpoint,
      failure,
      name: `${endpoint.name} ${failure}`,
    }))
  )
  const compared: Array<string> = []

  it.each(cases)("$name answers the page's envelope and code", async ({ endpoint, failure }) => {
    const value = ApiFailures.apiFailures[failure].messages[0].includes("%s") ? channelValue : undefined
    const stub = mock.stub({ endpoint, answers: [{ failure, value }] } as never)
    const wire = signed(params[endpoint.name as Contract.EndpointName], {}, now)
    const sent = await http.get(endpoint.path, wire)
    expect(stub.used()).toBe(1)
    const message = ApiFailures.messageOf(failure, value)
    const example = pageExamples(endpoint).get(message)
    if (example !== undefined) {
      // The page shows this failure: the answer is the page's example (v4: but its own requestId).
      compared.push(`${endpoint.seed} ${message}`)
      expect({ ...sent.json, ...(sent.json.requestId ? { requestId: "" } : {}) }).toEqual(
        { ...example, ...(example.requestId ? { requestId: "" } : {}) },
      )
      expect(sent.status).toBe(example.code)
    } else {
      // The page does not show it: the envelope has the shape of the page's error example,
      // the code the contract gives (from the README where the page is silent) and Polyv's message.
      const [shown] = pageExamples(endpoint).values()
      expect(shapeOf(sent.json)).toEqual(shapeOf(shown))
      expect(sent.json.code).toBe(endpoint.errorCodes[failure])
      expect(sent.status).toBe(endpoint.errorCodes[failure])
      expect(sent.json.message ?? (sent.json.error as { desc: string }).desc).toBe(message)
      // v4 has no documented "fail" (README: code 500, status "error").
      expect(sent.json.status).toBe(failure === "ServerError" && endpoint.envelope === "v3" ? "fail" : "error")
    }
    const [call] = mock.calls(endpoint).slice(-1)
    expect(call).toMatchObject({ by: "stub", outcome: { failure, stub: stub.id } })
  })

  it("compared with every error example the pages show", () => {
    const shown = Contract.endpoints.flatMap((endpoint) =>
      [...pageExamples(endpoint).keys()].map((m) => `${endpoint.seed} ${m}`)
    )
    expect(shown.length).toBeGreaterThanOrEqual(12)
    expect(compared.toSorted()).toEqual(shown.toSorted())
  })
})

describe("a stub is checked when made", () => {
  it("is typed from the contract: the compiler refuses what the checks refuse", () => {
    const { mock } = start()
    expect(() =>
      // @ts-expect-error micHistory's page documents no IllegalChannelId
      mock.stub({ endpoint: Contract.byName.micHistory, answers: [{ failure: "IllegalChannelId", value: "1" }] })
    ).toThrow(RangeError)
    // @ts-expect-error exportReport's data is a URL string
    expect(() => mock.stub({ endpoint: Contract.byName.exportReport, answers: [{ data: 1 }] })).toThrow(RangeError)
    expect(() =>
      // @ts-expect-error sessionList has no chanelId
      mock.stub({ endpoint: Contract.byName.sessionList, match: { chanelId: "1" }, answers: [{ fault: "reset" }] })
    ).toThrow(RangeError)
    // @ts-expect-error not a fault kind
    expect(() => mock.stub({ endpoint: Contract.byName.sessionList, answers: [{ fault: "slow" }] })).toThrow(RangeError)
  })

  it("refuses data that breaks the endpoint's data schema, naming each path and value", () => {
    const { mock } = start()
    const bad = () =>
      mock.stub({
        endpoint: Contract.byName.sessionList,
        answers: [{
          data: {
            pageSize: 10,
            pageNumber: "1",
            contents: [{ sessionId: 7 }],
          } as never,
        }],
      })
    expect(bad).toThrow(RangeError)
    expect(bad).toThrow(/answers\[0\]\.data\.pageNumber: Expected number, got "1"/)
    expect(bad).toThrow(/answers\[0\]\.data\.contents\[0\]\.sessionId: Expected string, got 7/)
    expect(bad).toThrow(/answers\[0\]\.data\.totalItems: Missing key/)
    expect(() => mock.stub({ endpoint: Contract.byName.exportReport, answers: [{ data: "file:///etc/passwd" }] }))
      .toThrow(/answers\[0\]\.data: Expected an absolute http\(s\) URL, got "file:\/\/\/etc\/passwd"/)
    expect(mock.stubs.size).toBe(0)
  })

  it.each(
    [
      ["a duration of NaN (null in JSON)", Contract.byName.liveDurations, [{
        duration: Number.NaN,
        channelId: "108888",
      }], /data\[0\]\.duration: as sent, Expected number, got null/],
      ["a duration of Infinity", Contract.byName.liveDurations, [{
        duration: Number.POSITIVE_INFINITY,
        channelId: "108888",
      }], /as sent/],
      ["a peak of -3.5 (sent as text)", Contract.byName.yunduoSummary, [{
        statAt: 1629166440000,
        peakCCV: -3.5,
        pullType: "cdn",
      }], /data\[0\]\.peakCCV: as sent/],
    ] as const,
  )("refuses data a client would not read back as given: %s", (_, endpoint, data, message) => {
    const { mock } = start()
    const make = () => mock.stub({ endpoint, answers: [{ data: data as never }] } as never)
    expect(make).toThrow(RangeError)
    expect(make).toThrow(message)
    expect(mock.stubs.size).toBe(0)
  })

  it("in code, refuses a match no decoded request could meet and answers that are not objects", () => {
    const { mock } = start()
    const make = (spec: unknown) => () => mock.stub(spec as never)
    const answers = [{ failure: "RateLimited" }]
    expect(make({ endpoint: Contract.byName.sessionList, match: { channelId: 2272655 }, answers })).toThrow(
      /match\.channelId: no request's channelId is 2272655/,
    )
    expect(make({ endpoint: Contract.byName.sessionList, match: { page: "2" }, answers })).toThrow(/match\.page: /)
    expect(make({ endpoint: Contract.byName.sessionList, answers: [null] })).toThrow(RangeError)
    expect(make({ endpoint: Contract.byName.sessionList, answers: "ab" })).toThrow(
      /answers: expected at least one answer/,
    )
    expect(make({ endpoint: Contract.byName.sessionList, match: null, answers })).not.toThrow()
    // A match given as decoded parameters is taken.
    expect(make({ endpoint: Contract.byName.sessionList, match: { channelId: "2272655", page: 2 }, answers })).not
      .toThrow()
  })

  it("lists stubs as JSON carries them, so a listing posts back as it is", async () => {
    const { mock, http, channelId } = start()
    const emptyPage = await stubPage(http, channelId)
    const given = {
      endpoint: "sessionList",
      name: "paged",
      match: { channelId, startDate: "2026-11-01 08:30:00", page: "2" },
      answers: [{ data: { ...emptyPage, pageNumber: 2 }, times: 2 }, { failure: "RateLimited" }],
    }
    expect((await http.admin("/__mock/stubs", given)).status).toBe(201)
    const listed = (await http.admin("/__mock/stubs")).json.stubs as Array<Record<string, unknown>>
    expect(listed[0]).toMatchObject({ match: given.match, answers: given.answers })
    mock.stubs.clear()
    const { id: _id, used: _used, remaining: _remaining, ...again } = listed[0]!
    expect((await http.admin("/__mock/stubs", again)).status).toBe(201)
  })

  it("answers and lists the data as checked, whatever the caller does to its object afterwards", async () => {
    const { mock, http, channelId } = start()
    const data = [{ channelId, duration: 7 }]
    mock.stub({ endpoint: Contract.byName.liveDurations, answers: [{ data, times: "always" }] })
    // Changed after the checks: a duration Polyv could not send, a channel ID with a terminal escape.
    Object.assign(data[0]!, { duration: -3.5, channelId: "x\u001b]0;pwn\u0007" })
    const answered = await http.get(Contract.liveDurations.path, signed({ channelIds: channelId }, {}, now))
    expect(answered.json.data).toEqual([{ channelId: Number(channelId), duration: 7 }])
    const listed = (await http.admin("/__mock/stubs")).json.stubs as Array<{ answers: Array<{ data: unknown }> }>
    expect(listed[0]!.answers[0]!.data).toEqual([{ channelId: Number(channelId), duration: 7 }])
  })

  it("refuses a body nested deeper than the stack, naming where, and a name that is not a string", async () => {
    const { mock, http } = start()
    const deep = `[{"endpoint": ${"[".repeat(30_000)}${"]".repeat(30_000)}, "answers": [{"fault": "reset"}]}]`
    const answer = await http.admin("/__mock/stubs", deep)
    expect(answer.status).toBe(400)
    expect((answer.json.error as { message: string }).message).toMatch(
      /\[0\]\.endpoint: expected one of .*, got \(a value nested too deeply to show\)$/,
    )
    expect(answer.text.length).toBeLessThan(1000)
    // In code as from a file: a key no answer has is a mistake, not something to ignore.
    expect(() =>
      mock.stub({ endpoint: Contract.byName.micHistory, answers: [{ failure: "ServerError", tims: 3 } as never] })
    )
      .toThrow(/answers\[0\]\.tims: an answer has no tims; it has data, failure, value, fault, times/)
    // `5` passes a name pattern as "5", but no DELETE could reach a stub whose id is the number 5.
    expect(() => mock.stub({ endpoint: Contract.byName.micHistory, name: 5 as never, answers: [{ fault: "reset" }] }))
      .toThrow(/name: expected .*, got 5/)
  })

  it("never gives an unnamed stub the name a stub was given by hand", () => {
    const { mock } = start()
    const named = mock.stub({
      endpoint: Contract.byName.micHistory,
      name: "stub-2",
      answers: [{ failure: "RateLimited" }],
    })
    const ids = [1, 2, 3].map(() =>
      mock.stub({ endpoint: Contract.byName.micHistory, answers: [{ failure: "RateLimited" }] }).id
    )
    expect(new Set([named.id, ...ids]).size).toBe(4)
  })

  it("refuses a failure the endpoint's page does not document, a value out of place, a bad match or times", () => {
    const { mock } = start()
    const bad = (spec: unknown) => () => mock.stub(spec as never)
    expect(bad({ endpoint: Contract.byName.micHistory, answers: [{ failure: "IllegalChannelId", value: "1" }] }))
      .toThrow(/answers\[0\]\.failure: micHistory's page documents .*; got "IllegalChannelId"/)
    expect(bad({ endpoint: Contract.byName.sessionList, answers: [{ failure: "IllegalChannelId" }] }))
      .toThrow(/answers\[0\]\.value: IllegalChannelId needs a value/)
    expect(bad({ endpoint: Contract.byName.sessionList, answers: [{ failure: "ReportNotReady" }] }))
      .toThrow(/documents/)
    // Polyv names the request's own channel there, and a request whose channel ID is not one never
    // reaches a stub: a value that is not a channel ID is one Polyv could not send.
    for (const value of ["abc", "12 34", "1\u001b[2J"]) {
      expect(bad({ endpoint: Contract.byName.sessionList, answers: [{ failure: "IllegalChannelId", value }] }))
        .toThrow(/answers\[0\]\.value: the %s of "illegal channel id: %s" is a channel ID made of digits; got "/)
    }
    expect(bad({ endpoint: Contract.byName.sessionList, match: { chanelId: "1" }, answers: [{ fault: "reset" }] }))
      .toThrow(/match\.chanelId: sessionList has no parameter chanelId/)
    expect(
      bad({ endpoint: Contract.byName.sessionList, answers: [{ fault: "reset", times: "always" }, { fault: "fail" }] }),
    )
      .toThrow(/answers\[0\]\.times: "always" only on the last answer/)
    expect(bad({ endpoint: Contract.byName.sessionList, answers: [{ fault: "slow" }] }))
      .toThrow(/answers\[0\]\.fault: expected one of server-error/)
    expect(bad({ endpoint: Contract.byName.sessionList, answers: [{ fault: "reset", data: 1 }] }))
      .toThrow(/answers\[0\]: give one of data, failure or fault; got data and fault/)
    expect(mock.stubs.size).toBe(0)
  })
})

describe("failure values", () => {
  it("every failure whose message takes a value says what the value may be", () => {
    const withValue = Object.entries(ApiFailures.apiFailures).filter(([, f]) => f.messages[0].includes("%s"))
    expect(withValue.length).toBeGreaterThan(0)
    for (const [tag] of withValue) expect(failureValues, tag).toHaveProperty(tag)
  })

  it("only failures whose message takes a value have an entry; each takes digits (a channel ID), never an empty value", () => {
    for (const [tag, entry] of Object.entries(failureValues)) {
      const { messages } = ApiFailures.apiFailures[tag as ApiFailures.ApiFailureTag]
      expect(messages[0], tag).toContain("%s")
      expect(entry.is(channelValue), tag).toBe(true)
      expect(entry.is(""), tag).toBe(false)
    }
  })
})

describe("stubs answer", () => {
  it("from the stubs option, refused whole when one is bad", async () => {
    expect(() =>
      start({
        stubs: [
          { endpoint: Contract.byName.micHistory, answers: [{ failure: "ServerError" }] },
          { endpoint: Contract.byName.micHistory, answers: [{ data: { userId: 5 } as never }] },
        ],
      })
    ).toThrow(/the stubs option has problems: stubs\[1\]\.answers\[0\]\.data\.userId: Expected string, got 5/)
    const { mock, http } = start({
      stubs: [{ endpoint: Contract.byName.micHistory, name: "down", answers: [{ failure: "ServerError" }] }],
    })
    expect((await http.get(Contract.micHistory.path, signed({}))).json.code).toBe(500)
    expect(mock.calls(Contract.byName.micHistory)[0]!.outcome.stub).toBe("down")
  })

  it("once by default, then the world answers again; the calls say which stub answered", async () => {
    const { mock, http, channelId } = start()
    const stub = mock.stub({
      endpoint: Contract.byName.liveDurations,
      answers: [{ data: [{ channelId, duration: 42 }] }],
    })
    const first = await http.get(Contract.liveDurations.path, signed({ channelIds: channelId }))
    expect(first.json).toEqual({
      code: 200,
      status: "success",
      message: "",
      data: [{ channelId: Number(channelId), duration: 42 }],
    })
    const second = await http.get(Contract.liveDurations.path, signed({ channelIds: channelId }))
    expect((second.json.data as Array<{ duration: number }>)[0]!.duration).not.toBe(42)
    expect(stub.used()).toBe(1)
    const calls = mock.calls(Contract.byName.liveDurations)
    expect(calls.map((c) => [c.by, c.outcome.stub])).toEqual([["stub", stub.id], ["world", undefined]])
  })

  it("only the requests whose decoded parameters match, newest stub first", async () => {
    const { mock, http, channelId } = start()
    const other = mock.world.channels[2]!.channelId
    const general = mock.stub({ endpoint: Contract.byName.sessionList, answers: [{ fault: "fail", times: "always" }] })
    const specific = mock.stub({
      name: "page-2",
      endpoint: Contract.byName.sessionList,
      match: { channelId, page: 2 },
      answers: [{ failure: "IllegalChannelId", value: channelId, times: "always" }],
    })
    const page2 = await http.get(Contract.sessionList.path, signed({ channelId, page: "2" }))
    const page1 = await http.get(Contract.sessionList.path, signed({ channelId, page: "1" }))
    const otherPage2 = await http.get(Contract.sessionList.path, signed({ channelId: other, page: "2" }))
    expect(page2.json.message).toBe(`illegal channel id: ${channelId}`)
    expect([page1.json.status, otherPage2.json.status]).toEqual(["fail", "fail"])
    expect([general.used(), specific.used()]).toEqual([2, 1])
    expect(mock.calls(Contract.byName.sessionList).map((c) => c.outcome.stub)).toEqual([
      "page-2",
      general.id,
      general.id,
    ])
    // Removed, the world answers.
    expect(general.remove()).toBe(true)
    expect(specific.remove()).toBe(true)
    expect((await http.get(Contract.sessionList.path, signed({ channelId, page: "2" }))).json.status).toBe("success")
  })

  it("only after Polyv's checks: a bad signature, an old timestamp or bad parameters never reach a stub", async () => {
    const { mock, http, channelId } = start()
    const emptyPage = await stubPage(http, channelId)
    const stub = mock.stub({
      endpoint: Contract.byName.sessionList,
      answers: [{ data: emptyPage, times: "always" }],
    })
    const badSign = await http.get(Contract.sessionList.path, signed({ channelId }, { sign: "0".repeat(32) }))
    const old = await http.get(Contract.sessionList.path, signed({ channelId }, {}, now - 3 * 60_000 - 1))
    const noAppId = await http.get(Contract.sessionList.path, signed({ channelId }, { appId: null }))
    const badParam = await http.get(Contract.sessionList.path, signed({ channelId, page: "zero" }))
    expect([badSign, old, noAppId, badParam].map((s) => s.json.message)).toEqual([
      "invalid signature.",
      "invalid timestamp.",
      "appId is required.",
      "param validate error",
    ])
    expect(stub.used()).toBe(0)
    expect(mock.calls(Contract.byName.sessionList).map((c) => c.by)).toEqual(["world", "mock", "mock", "mock", "mock"])
    expect((await http.get(Contract.sessionList.path, signed({ channelId }))).json.data).toEqual(emptyPage)
    expect(stub.used()).toBe(1)
  })

  it("faults: a gateway page, a reset, a latency, each counted as the stub's", async () => {
    const { mock, channelId } = start({ sleep: async () => {} })
    const stub = mock.stub({
      endpoint: Contract.byName.liveDurations,
      answers: [{ fault: "server-error" }, { fault: "reset" }, { fault: "malformed" }],
    })
    const url = () =>
      `http://mock.test${Contract.liveDurations.path}?${new URLSearchParams(signed({ channelIds: channelId }))}`
    const gateway = await mock.fetch(url())
    expect([gateway.status, gateway.headers.get("content-type")]).toEqual([502, "text/html"])
    await expect(mock.fetch(url())).rejects.toThrow("fetch failed")
    const cut = await (await mock.fetch(url())).text()
    expect(() => JSON.parse(cut)).toThrow()
    expect(mock.calls(Contract.byName.liveDurations).map((c) => [c.by, c.outcome.fault, c.outcome.stub])).toEqual([
      ["stub", "server-error", stub.id],
      ["stub", "reset", stub.id],
      ["stub", "malformed", stub.id],
    ])
    // A fault forced by the header still comes first (the gateway's, before any check).
    mock.stub({ endpoint: Contract.byName.liveDurations, answers: [{ data: [] }] })
    expect((await mock.fetch(url(), { headers: { [faultHeader]: "server-error" } })).status).toBe(502)
    expect(mock.stubs.size).toBe(1)
  })

  it("reset starts every stub again from its first answer and keeps it", async () => {
    const { mock, http, channelId } = start()
    const emptyPage = await stubPage(http, channelId)
    const stub = mock.stub({
      endpoint: Contract.byName.sessionList,
      answers: [{ failure: "RateLimited" }, { data: emptyPage }],
    })
    const twice = async () => [
      (await http.get(Contract.sessionList.path, signed({ channelId }))).json.code,
      (await http.get(Contract.sessionList.path, signed({ channelId }))).json.data,
    ]
    expect(await twice()).toEqual([429, emptyPage])
    expect(mock.stubs.size).toBe(0)
    expect(mock.reset()).toContain("stubUses")
    expect(stub.used()).toBe(0)
    expect(await twice()).toEqual([429, emptyPage])
  })
})

/**
 * A session-list page the world would not give (its own empty page, but 7 to a page): what the
 * stubs of these tests answer with, told apart from the world's.
 */
const stubPage = async (http: ReturnType<typeof client>, channelId: string) => {
  const empty = await http.get(
    Contract.sessionList.path,
    signed({ channelId, startDate: "2001-01-01", endDate: "2001-01-02" }),
  )
  return { ...(empty.json.data as Contract.DataOf<typeof Contract.sessionList>), pageSize: 7 }
}
