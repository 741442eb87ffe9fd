/**
 * The HTTP status of an error answer, on a real socket (issue 16, point 18). Page 003 (the v4
 * endpoint) says of the body's `code`:
 *
 *     code  Integer  状态码,与 http 状态码相同,用于确定基本的响应状态
 *     (the status code, the same as the HTTP status, which tells the basic state of the answer)
 *
 * so a v4 answer keeps status = code even in `always200` mode; the v3 pages say nothing of it and
 * real v3 runs answered 200, which is what `always200` is for.
 */
import { Contract } from "@polyv-stats/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { readSeed } from "../../../spec/seedPages.js"
import { faultHeader, type RunningMock, startServer } from "../src/index.js"
import { client, now, signed } from "./support.js"

/** The page's statement, read from the page itself: if it changed, this test should be reconsidered. */
const saysCodeIsHttpStatus = (page: string) => /code\s+Integer\s+状态码,与 http 状态码相同/.test(page)

describe.each(["code", "always200"] as const)("httpStatus %s", (mode) => {
  let running: RunningMock
  beforeAll(async () => {
    running = await startServer({ seed: "status", now, clock: () => now, httpStatus: mode })
  })
  afterAll(() => running.close())

  const badlySigned = signed({}, { sign: "BAD" })

  for (const endpoint of Contract.endpoints) {
    const keepsCode = endpoint.envelope === "v4" || mode === "code"
    it(`${endpoint.name} (${endpoint.envelope}): an error answers HTTP ${keepsCode ? "= its code" : "200"}`, async () => {
      if (endpoint.envelope === "v4") expect(saysCodeIsHttpStatus(readSeed(endpoint.seed))).toBe(true)
      const http = client({ fetch: globalThis.fetch, base: running.url })
      const refused = await http.get(endpoint.path, badlySigned)
      expect(refused.json.code).toBe(endpoint.errorCodes.InvalidSignature)
      expect(refused.status).toBe(keepsCode ? refused.json.code : 200)
      // A server failure (a forced `fail`: code 500) too.
      const failed = await http.get(endpoint.path, signed({}), { [faultHeader]: "fail" })
      expect(failed.json.code).toBe(500)
      expect(failed.status).toBe(keepsCode ? 500 : 200)
    })
  }
})
