/**
 * Must show (issue 18): with the built-in world `polyv-examples`, each seed page's example request
 * answers the page's example `data`, read from the page's own text in `spec/seeds/`, never from our
 * code. The request is the page's too: its example URL's parameters (pages 003, 004), or its Java
 * example's (page 001's dates; its users are placeholders, the account's user stands in), or the
 * channels of its example answer (page 002's Java example names placeholder channels).
 */
import { Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { jsonExamples, readSeed } from "../../../spec/seedPages.js"
import { polyvExamples, PolyvMock } from "../src/index.js"
import { client, signed } from "./support.js"

const { byName } = Contract
const success = (endpoint: Contract.AnyEndpoint) => {
  const found = jsonExamples(endpoint.seed).filter((e) => e.status === "success")
  expect(found).toHaveLength(1)
  return found[0]!.data
}

/** The business parameters of a page's example URL (without appId, sign, timestamp). */
const exampleParams = (endpoint: Contract.AnyEndpoint): Record<string, string> => {
  const url = readSeed(endpoint.seed).match(/https?:\/\/api\.polyv\.net\/\S+\?\S+/)![0]
  const params = Object.fromEntries(new URL(url).searchParams)
  for (const key of ["appId", "sign", "timestamp"]) delete params[key]
  return params
}

/** A parameter the page's Java example puts: `params.put("start", "2021-08-01")`. */
const javaParam = (endpoint: Contract.AnyEndpoint, name: string): string =>
  readSeed(endpoint.seed).match(new RegExp(`params\\.put\\("${name}", "([^"]+)"\\)`))![1]!

describe("--world polyv-examples", () => {
  const mock = new PolyvMock({ world: "polyv-examples" })
  const polyv = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const call = async (endpoint: Contract.AnyEndpoint, params: Record<string, string>) => {
    const answer = await polyv.get(endpoint.path, signed(params, {}, mock.now()))
    expect(answer.status, answer.text).toBe(200)
    return answer.json.data
  }

  it("answers page 004's example request (page 1 of 10 of channel 2272655) with its data, the 13 paging fields too", async () => {
    const params = exampleParams(byName.sessionList)
    expect(params).toEqual({ pageSize: "10", page: "1", channelId: "2272655" })
    expect(await call(byName.sessionList, params)).toEqual(success(byName.sessionList))
  })

  it("answers page 002's durations of its example's channels", async () => {
    const data = success(byName.liveDurations) as Array<{ channelId: number }>
    expect(await call(byName.liveDurations, { channelIds: data.map((d) => d.channelId).join(",") })).toEqual(data)
  })

  it("answers page 003's example request (mic minutes of 2021-09-27 to 2021-10-01) with its data", async () => {
    const params = exampleParams(byName.micHistory)
    expect(params).toEqual({ startTime: "1632672000000", endTime: "1633017600000" })
    expect(await call(byName.micHistory, params)).toEqual(success(byName.micHistory))
  })

  it("answers page 001's example dates with its peak (the page's success example is not JSON: its array is)", async () => {
    const page = readSeed(byName.yunduoSummary.seed)
    const expected = JSON.parse(page.match(/\[\{"statAt"[^\]]*\]/)![0])
    const params = {
      users: mock.world.mainUser,
      start: javaParam(byName.yunduoSummary, "start"),
      end: javaParam(byName.yunduoSummary, "end"),
    }
    expect(params).toEqual({ users: "1b448be323", start: "2021-08-01", end: "2021-08-31" })
    expect(await call(byName.yunduoSummary, params)).toEqual(expected)
  })

  it("gives page 004's sessions' reports (an export of the same world)", async () => {
    const session = (success(byName.sessionList) as { contents: Array<{ sessionId: string }> }).contents[0]!
    const params = { channelId: "2272655", sessionId: session.sessionId }
    const answers = []
    for (let poll = 0; poll < 3; poll++) {
      answers.push(await polyv.get(byName.exportReport.path, signed(params, {}, mock.now())))
    }
    expect(answers.map((a) => a.status)).toEqual([400, 400, 200])
  })
})

describe("the built-in world is shared, so no one can change it", () => {
  it("is frozen all the way down, and a mock loading it gets its own checked copy", () => {
    expect(() => (polyvExamples.channels as Array<unknown>).push({ channelId: "0042" })).toThrow(TypeError)
    expect(() => {
      ;(polyvExamples.channels[0]!.sessions[0] as { endTime: number | null }).endTime = 1
    }).toThrow(TypeError)
    const mock = new PolyvMock({ world: "polyv-examples" })
    expect(mock.options.world).not.toBe(polyvExamples)
    expect(mock.options.world).toEqual(polyvExamples)
  })
})
