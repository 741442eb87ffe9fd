/**
 * The summary `polyv-mock` (and `polyv-stats mock`) prints once listening: it shows the demo
 * secret whenever that is the one in force, whatever the app ID, and never a secret the user gave.
 */
import { afterEach, describe, expect, it } from "vitest"
import {
  Cassette,
  demoCredentials,
  MockCommand,
  type MockOptions,
  polyvExamples,
  type RunningMock,
  startServer,
} from "../src/index.js"

describe("the mock's summary", () => {
  let running: RunningMock | undefined
  afterEach(() => running?.close())
  const summaryOf = async (credentials: Pick<MockOptions, "appId" | "appSecret" | "world" | "cassette">) => {
    running = await startServer({ port: 0, seed: "summary", ...credentials })
    return MockCommand.summary(running)
  }
  const demoSecret = demoCredentials.appSecret

  it("shows the demo secret when it is in force, with the app ID given or not", async () => {
    const pair = await summaryOf({})
    expect(pair).toContain(`app secret ${demoSecret} (the public demo pair)`)
    expect(pair).toContain(`POLYV_APP_SECRET=${demoSecret} `)
    await running?.close()
    running = undefined
    // --app-id other, no --app-secret: the demo secret is in force, and the summary says which.
    const other = await summaryOf({ appId: "other" })
    expect(other).toContain(`appId other, app secret ${demoSecret} (the public demo secret)`)
    expect(other).toContain(`POLYV_APP_ID=other POLYV_APP_SECRET=${demoSecret} `)
    expect(other).not.toContain("you gave")
  })

  it("never shows a secret the user gave", async () => {
    const given = await summaryOf({ appId: "other", appSecret: "user-secret-Q7w" })
    expect(given).not.toContain("user-secret-Q7w")
    expect(given).not.toContain(demoSecret)
    expect(given).toContain("POLYV_APP_SECRET=<the app secret you gave>")
  })

  it("never shows a world file's secret, and says the world came from a file", async () => {
    const written = await summaryOf({ world: { ...polyvExamples, appId: "fileapp", appSecret: "file-secret-K2p" } })
    expect(written).not.toContain("file-secret-K2p")
    expect(written).toContain("appId fileapp, app secret <the app secret you gave>")
    expect(written).toContain("world from a file, its clock starting at 2022-05-13T03:18:43.329Z")
    expect(written).toContain("sessions: 6 in all, newest first")
    expect(written).toContain("channels: 2272655, 108888, 108188")
  })
  it("says how many recorded requests a cassette replays, and only with one", async () => {
    const exchange = {
      endpoint: "micHistory",
      method: "GET",
      params: {},
      status: 200,
      body: "{}",
      recordedAt: "2026-01-01T00:00:00Z",
    } as const
    const cassette: Cassette.Cassette = {
      format: Cassette.format,
      version: Cassette.version,
      exchanges: [exchange, exchange],
    }
    expect(await summaryOf({ cassette })).toContain("cassette: 1 recorded request replayed (before the world)")
    await running?.close()
    running = undefined
    expect(await summaryOf({})).not.toContain("cassette:")
  })
})
