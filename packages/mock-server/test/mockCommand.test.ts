/**
 * The summary `polyv-mock` (and `polyv-stats mock`) prints once listening: it shows the demo
 * secret whenever that is the one in force, whatever the app ID, and never a secret the user gave.
 */
import { afterEach, describe, expect, it } from "vitest"
import { demoCredentials, MockCommand, type RunningMock, startServer } from "../src/index.js"

describe("the mock's summary", () => {
  let running: RunningMock | undefined
  afterEach(() => running?.close())
  const summaryOf = async (credentials: { appId?: string; appSecret?: string }) => {
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
    expect(given).toContain("POLYV_APP_SECRET=<the --app-secret you gave>")
  })
})
