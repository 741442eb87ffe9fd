/**
 * The per-endpoint methods are derived from the contract (`Contract.EndpointsByName`): each is
 * bound, once, to its own endpoint, and typed by it.
 */
import { describe, expect, it } from "vitest"
import { Contract, createPolyvClient, type PromisePolyvClient } from "../src/index.js"
import { sampleParams } from "./sampleParams.js"
import { json, scriptedFetch } from "./scriptedFetch.js"

/** Each Promise method, called with its endpoint's sample parameters. */
const sampleCall = <K extends Contract.EndpointName>(polyv: PromisePolyvClient, name: K): Promise<unknown> =>
  (polyv[name] as (params: Contract.ParamsOf<Contract.EndpointsByName[K]>) => Promise<unknown>)(sampleParams[name])

describe("the per-endpoint methods derived from the contract", () => {
  it("each Promise method calls its own endpoint, and its errors name that endpoint", async () => {
    // Not an envelope: every endpoint fails the same way, before its data is decoded.
    const { fetch, sent } = scriptedFetch([json(200, "not an envelope")], Date.now)
    const polyv = createPolyvClient({ appId: "app", appSecret: "s", fetch, retry: false })
    for (const endpoint of Contract.endpoints) {
      const error = await sampleCall(polyv, endpoint.name).catch((e: unknown) => e)
      expect(error, endpoint.name).toMatchObject({ _tag: "UnexpectedResponse", endpoint: endpoint.name })
      expect(sent.at(-1)!.url.pathname, endpoint.name).toBe(endpoint.path)
    }
    expect(sent).toHaveLength(Contract.endpoints.length)
    await polyv.close()
  })
})
