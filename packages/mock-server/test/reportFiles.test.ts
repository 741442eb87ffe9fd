/**
 * A report's bytes never change, so each mock keeps the files it built (bounded): a second
 * download does not rebuild, and the bound evicts the least recently downloaded.
 */
import { Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { PolyvMock, ReportFiles, ReportWorkbook, type WorldSession } from "../src/index.js"
import { mockRequest, type MockResponse } from "../src/protocol/MockRequest.js"
import { client, now, signed } from "./support.js"

describe("report files", () => {
  it("a mock builds a report once: the second download answers the same bytes", async () => {
    const mock = new PolyvMock({ seed: "files", now, clock: () => now, reportPolls: 0 })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    const channel = mock.world.channels[1]!
    const sessions = mock.world.sessions(channel).filter((s) => s.endTime !== null).slice(0, 2)
    const download = async (session: WorldSession): Promise<MockResponse> => {
      const exported = await http.get(
        Contract.exportReport.path,
        signed({ channelId: channel.channelId, sessionId: session.sessionId }),
      )
      const link = new URL(exported.json.data as string)
      return mock.handle(mockRequest({ method: "GET", path: link.pathname, query: link.search.slice(1) }))
    }
    const first = await download(sessions[0]!)
    const again = await download(sessions[0]!)
    expect(first.status).toBe(200)
    // The very same bytes: nothing was built for the second download.
    expect(again.body).toBe(first.body)
    expect(await download(sessions[1]!)).not.toHaveProperty("body", first.body)
    expect(mock.reportFiles.size).toBe(2)
    // Each mock has its own files.
    expect(new PolyvMock({ seed: "files", now }).reportFiles.size).toBe(0)
  })

  it("builds once per session, shares a build in progress, keeps the most recent `capacity`", async () => {
    const built: Array<string> = []
    const files = new ReportFiles(2, async (session) => {
      built.push(session.sessionId)
      return ReportWorkbook.build(session)
    })
    const mock = new PolyvMock({ seed: "files", now })
    const [a, b, c] = mock.world.sessions(mock.world.channels[1]!).filter((s) => s.endTime !== null)
    const [first, concurrent] = await Promise.all([files.bytes(a!), files.bytes(a!)])
    expect(concurrent).toBe(first)
    await files.bytes(b!)
    await files.bytes(a!)
    expect(built).toEqual([a!.sessionId, b!.sessionId])
    await files.bytes(c!) // evicts b, the least recently used
    await files.bytes(a!)
    await files.bytes(b!)
    expect(built).toEqual([a!.sessionId, b!.sessionId, c!.sessionId, b!.sessionId])
    expect(files.size).toBe(2)
  })

  it("a failed build is not kept", async () => {
    let attempts = 0
    const files = new ReportFiles(2, async () => {
      attempts++
      if (attempts === 1) throw new Error("disk full")
      return new Uint8Array([1])
    })
    const { world } = new PolyvMock({ seed: "files", now })
    const session = world.sessions(world.channels[1]!)[1]!
    await expect(files.bytes(session)).rejects.toThrow("disk full")
    expect(await files.bytes(session)).toEqual(new Uint8Array([1]))
    expect(attempts).toBe(2)
  })
})
