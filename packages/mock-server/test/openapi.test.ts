/**
 * The OpenAPI document is derived from the contract: the five paths with their methods, every
 * parameter with its required-ness, the envelopes, and each page's error codes. The committed
 * openapi.json is the same document.
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { OpenApi } from "../src/index.js"

const spec = OpenApi.document() as unknown as {
  openapi: string
  paths: Record<string, Record<string, any>>
  components: { parameters: Record<string, { name: string; required: boolean }> }
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists the five paths with their methods", () => {
    expect(spec.openapi).toBe("3.1.0")
    expect(Object.keys(spec.paths).toSorted()).toEqual(Contract.endpoints.map((e) => e.path).toSorted())
    for (const endpoint of Contract.endpoints) {
      expect(Object.keys(spec.paths[endpoint.path]!)).toEqual(endpoint.methods.map((m) => m.toLowerCase()))
    }
  })

  it("lists each endpoint's query parameters with their required-ness, plus the signed common ones", () => {
    const expected: Record<string, Record<string, boolean>> = {
      exportReport: { channelId: true, sessionId: true },
      yunduoSummary: { users: true, start: true, end: true },
      liveDurations: { channelIds: true },
      micHistory: { startTime: false, endTime: false },
      sessionList: { channelId: true, startDate: false, endDate: false, page: false, pageSize: false },
    }
    for (const endpoint of Contract.endpoints) {
      const get = spec.paths[endpoint.path]!.get
      const own = (get.parameters as Array<{ name?: string; required?: boolean; in?: string; $ref?: string }>)
        .filter((p) => p.name !== undefined)
      expect(Object.fromEntries(own.map((p) => [p.name, p.required]))).toEqual(expected[endpoint.name])
      for (const p of own) expect(p.in).toBe("query")
      const refs = (get.parameters as Array<{ $ref?: string }>).flatMap((p) => (p.$ref ? [p.$ref] : []))
      expect(refs).toEqual(Object.keys(spec.components.parameters).map((n) => `#/components/parameters/${n}`))
    }
    expect(Object.keys(spec.components.parameters)).toEqual([
      "appId",
      "timestamp",
      "sign",
      "signatureMethod",
      "signatureNonce",
    ])
  })

  it("yunduo's POST takes the same parameters as a form body", () => {
    const schema = spec.paths[Contract.yunduoSummary.path]!.post.requestBody.content[
      "application/x-www-form-urlencoded"
    ].schema
    expect(schema.required).toEqual(["appId", "timestamp", "sign", "users", "start", "end"])
  })

  it("wraps each data schema in its envelope and lists the page's error codes", () => {
    const list = spec.paths[Contract.sessionList.path]!.get
    const success = list.responses["200"].content["application/json"].schema
    expect(success.required).toEqual(["code", "status", "message", "data"])
    expect(success.properties.data.required).toContain("nextPageNumber")
    const mic = spec.paths[Contract.micHistory.path]!.get.responses["200"].content["application/json"].schema
    expect(mic.required).toEqual(["code", "status", "requestId", "data", "success"])
    const durations = spec.paths[Contract.liveDurations.path]!.get
    expect(Object.keys(durations.responses)).toEqual(["200", "400", "403", "429", "500"])
    expect(durations["x-polyv-error-codes"].InvalidSignature).toMatchObject({
      code: 403,
      messages: ApiFailures.apiFailures.InvalidSignature.messages,
    })
  })

  it("the committed openapi.json is exactly the derived document", () => {
    const committed = readFileSync(new URL("../openapi.json", import.meta.url), "utf8")
    expect(committed).toBe(`${JSON.stringify(OpenApi.document(), null, 2)}\n`)
  })
})
