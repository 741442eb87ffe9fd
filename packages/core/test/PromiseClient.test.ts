/** The Promise facade: same behaviour underneath, Promises and async iterables on top. */
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { createPolyvClient, InvalidSignature, ReportNotReady, Signer } from "../src/index.js"
import { json, scriptedFetch, v3error, v3ok } from "./scriptedFetch.js"

const page = (pageNumber: number, totalPages: number, ids: ReadonlyArray<string>) =>
  v3ok({
    pageSize: 2,
    pageNumber,
    totalItems: 3,
    contents: ids.map((sessionId, i) => ({ sessionId, channelId: 7, userId: "u", startTime: 1000 - i, endTime: null })),
    startRow: 1,
    firstPage: pageNumber === 1,
    lastPage: pageNumber === totalPages,
    prePageNumber: 1,
    nextPageNumber: pageNumber === totalPages ? pageNumber : pageNumber + 1,
    limit: ids.length,
    totalPages,
    endRow: ids.length,
    offset: 0,
  })

describe("createPolyvClient", () => {
  it("resolves decoded data and signs with the plain-string secret", async () => {
    const { fetch, sent } = scriptedFetch([v3ok([{ duration: 5, channelId: 7 }])], Date.now)
    const polyv = createPolyvClient({ appId: "app", appSecret: "shh", fetch })
    await expect(polyv.liveDurations({ channelIds: ["7"] })).resolves.toEqual([{ duration: 5, channelId: "7" }])
    const { sign, ...rest } = sent[0]!.params
    expect(sign).toBe(Signer.sign(rest, Redacted.make("shh")))
    await polyv.close()
  })

  it("rejects with the same error classes, names and fields as the Effect API", async () => {
    const { fetch } = scriptedFetch([v3error(403, "invalid signature.")], Date.now)
    const polyv = createPolyvClient({ appId: "app", appSecret: "wrong", fetch })
    const error = await polyv.liveDurations({ channelIds: ["7"] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidSignature)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: "InvalidSignature",
      _tag: "InvalidSignature",
      code: 403,
      httpStatus: 403,
      endpoint: "liveDurations",
    })
    await polyv.close()
  })

  it("iterates sessions across pages with for await", async () => {
    const { fetch, sent } = scriptedFetch(
      (url) => (url.searchParams.get("page") === "1" ? page(1, 2, ["a", "b"]) : page(2, 2, ["c"])),
      Date.now,
    )
    const polyv = createPolyvClient({ appId: "app", appSecret: "s", fetch })
    const ids: Array<string> = []
    for await (const session of polyv.sessions("7", { pageSize: 2 })) ids.push(session.sessionId)
    expect(ids).toEqual(["a", "b", "c"])
    expect(sent.map((s) => s.params.page)).toEqual(["1", "2"])
    await polyv.close()
  })

  it("stops fetching when the loop breaks early", async () => {
    const { fetch, sent } = scriptedFetch(
      (url) => (url.searchParams.get("page") === "1" ? page(1, 2, ["a", "b"]) : page(2, 2, ["c"])),
      Date.now,
    )
    const polyv = createPolyvClient({ appId: "app", appSecret: "s", fetch })
    for await (const session of polyv.sessions("7", { pageSize: 2 })) if (session.sessionId === "a") break
    expect(sent).toHaveLength(1)
    await polyv.close()
  })

  it("surfaces ReportNotReady from exportReport as its class", async () => {
    const { fetch } = scriptedFetch([
      json(400, { code: 400, status: "error", message: "Report is not ready yet, please try again later.", data: "" }),
    ], Date.now)
    const polyv = createPolyvClient({ appId: "app", appSecret: "s", fetch })
    await expect(polyv.exportReport({ channelId: "7", sessionId: "x" })).rejects.toBeInstanceOf(ReportNotReady)
    await polyv.close()
  })
})
