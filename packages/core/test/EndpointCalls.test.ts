/**
 * The per-endpoint methods are derived from the contract (`Contract.EndpointsByName`): each is
 * bound, once, to its own endpoint, and typed by it.
 */
import { describe, expect, it } from "vitest"
import { Contract, createPolyvClient, type PromisePolyvClient } from "../src/index.js"
import { json, scriptedFetch } from "./scriptedFetch.js"

/** A valid call of each endpoint (the table's type asks for every one). */
const sampleCalls: { readonly [K in Contract.EndpointName]: (polyv: PromisePolyvClient) => Promise<unknown> } = {
  exportReport: (polyv) => polyv.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
  yunduoSummary: (polyv) => polyv.yunduoSummary({ users: ["1b448be323"], start: "2021-08-01", end: "2021-08-17" }),
  liveDurations: (polyv) => polyv.liveDurations({ channelIds: ["2659445"] }),
  micHistory: (polyv) => polyv.micHistory({}),
  sessionList: (polyv) => polyv.sessionList({ channelId: "2659445" }),
}

describe("the per-endpoint methods derived from the contract", () => {
  it("each Promise method calls its own endpoint, and its errors name that endpoint", async () => {
    // Not an envelope: every endpoint fails the same way, before its data is decoded.
    const { fetch, sent } = scriptedFetch([json(200, "not an envelope")], Date.now)
    const polyv = createPolyvClient({ appId: "app", appSecret: "s", fetch, retry: false })
    for (const endpoint of Contract.endpoints) {
      const error = await sampleCalls[endpoint.name](polyv).catch((e: unknown) => e)
      expect(error, endpoint.name).toMatchObject({ _tag: "UnexpectedResponse", endpoint: endpoint.name })
      expect(sent.at(-1)!.url.pathname, endpoint.name).toBe(endpoint.path)
    }
    expect(sent).toHaveLength(Contract.endpoints.length)
    await polyv.close()
  })
})
