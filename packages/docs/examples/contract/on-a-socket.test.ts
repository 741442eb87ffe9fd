// The same on a real socket, without Effect: the Promise client against the mock on port 0.
import { Contract, createPolyvClient, type PromisePolyvClient } from "@polyv-stats/core"
import { demoCredentials, withMock, type WorldFile } from "@polyv-stats/mock-server"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"

// The code under test, in its Promise form.
const sessionIdsOf = async (polyv: PromisePolyvClient, channelId: string, from: Date, to: Date) => {
  const ids: Array<string> = []
  for await (const session of polyv.sessions(channelId, { from, to, pageSize: 2 })) ids.push(session.sessionId)
  return ids
}

// The account, from a world file this time (the mock checks it whole when it starts).
const world = JSON.parse(readFileSync(new URL("world.json", import.meta.url), "utf8")) as WorldFile.WorldFile
// The data stays at the world's `now`; the client signs with the real clock, so check timestamps against it.
const server = withMock({ world, timestampClock: Date.now })
let polyv: PromisePolyvClient

beforeAll(async () => {
  await server.start()
  polyv = createPolyvClient({ ...demoCredentials, baseUrl: server.url, retry: false })
})
afterAll(async () => {
  await polyv?.close()
  await server.stop()
})
beforeEach(() => {
  server.mock.reset() // each test sees its own calls
})

describe("sessionIdsOf on a socket", () => {
  it("pages the channel's sessions, newest first, two a page", async () => {
    const june = await sessionIdsOf(polyv, "2272655", new Date("2026-06-01"), new Date("2026-06-30T23:59:59+08:00"))
    expect(june).toEqual(["june30", "june23", "june16", "june09", "june02"])
    const calls = server.mock.calls(Contract.sessionList, { channelId: "2272655" })
    expect(calls.map((call) => [call.params?.page, call.params?.pageSize, call.by])).toEqual([
      [1, 2, "world"],
      [2, 2, "world"],
      [3, 2, "world"],
    ])
  })

  it("lists a refused call too: a client with the wrong secret", async () => {
    const wrong = createPolyvClient({
      ...demoCredentials,
      appSecret: "not-the-secret",
      baseUrl: server.url,
      retry: false,
    })
    try {
      await expect(sessionIdsOf(wrong, "2272655", new Date("2026-06-01"), new Date("2026-06-30")))
        .rejects.toMatchObject({ name: "InvalidSignature" })
    } finally {
      await wrong.close()
    }
    const [call] = server.mock.calls(Contract.sessionList)
    expect(call).toMatchObject({ by: "mock", outcome: { code: 400, message: "invalid signature." } })
    expect(call?.params).toMatchObject({ channelId: "2272655", page: 1 }) // what your code asked for
  })
})
