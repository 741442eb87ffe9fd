/**
 * Who can drive the admin API: a page on another site (Origin, Content-Type), a page that rebinds
 * its own name to the mock's address (Host), anyone on the network when a token is set. API calls
 * and report links stay reachable by any name. Real sockets, and the bin once as a child process.
 */
import { Contract } from "@polyv-stats/core"
import { Option, Result } from "effect"
import { spawn } from "node:child_process"
import { networkInterfaces } from "node:os"
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest"
import { AdminGate, Exposure, PolyvMock, type RunningMock, startServer } from "../src/index.js"
import { assertBuilt, bin, runBin, stopRuns } from "./binProcess.js"
import { errorMessage, httpCall } from "./sockets.js"
import { adminPost, now, signed } from "./support.js"

const json = { "content-type": "application/json" }

describe("the admin API on a socket", () => {
  let running: RunningMock
  let port: string
  beforeAll(async () => {
    running = await startServer({ seed: "exposure", now, clock: () => now, reportPolls: 0, allowHosts: ["polyv-mock"] })
    port = new URL(running.url).port
  })
  afterAll(() => running.close())

  const as = (host: string, path = "/__mock/world", headers: Record<string, string> = {}) =>
    httpCall(running.url, path, { headers: { host, ...headers } })

  it("answers its own address, the loopback names and --allow-host names; any other Host gets 421", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, "polyv-mock:8080", "POLYV-MOCK"]) {
      expect((await as(host)).status, host).toBe(200)
    }
    for (const host of [`evil.example:${port}`, "127.0.0.1.nip.io", "[::1", "localhost.evil.example"]) {
      const refused = await as(host, "/__mock/journal")
      expect(refused.status, host).toBe(421)
      expect(errorMessage(refused)).toContain(`Host "${host}"`)
      expect(errorMessage(refused)).toContain("--allow-host")
    }
    expect(errorMessage(await as("evil.example:80"))).toContain("--allow-host evil.example (ServeOptions.allowHosts)")
  })

  it("API calls and report links answer any Host: signatures and link tokens protect them", async () => {
    const channel = running.mock.world.channels[1]!
    const session = running.mock.world.sessions(channel).find((s) => s.endTime !== null)!
    const query = new URLSearchParams(signed({ channelId: channel.channelId, sessionId: session.sessionId }))
    const exported = await as("evil.example", `${Contract.exportReport.path}?${query}`)
    expect(exported.status).toBe(200)
    const link = new URL(JSON.parse(exported.text).data as string)
    const download = await as("polyv-mock-behind-a-proxy", `${link.pathname}${link.search}`, {
      origin: "http://evil.example",
    })
    expect(download.status).toBe(200)
    expect(download.headers["content-type"]).toContain("spreadsheetml")
  })

  it("refuses a foreign Origin (403); its own origin and no Origin pass", async () => {
    for (const origin of ["http://evil.example", "null", `http://localhost:${port}`, `http://127.0.0.1:${port}.evil`]) {
      const refused = await as(`127.0.0.1:${port}`, "/__mock/journal", { origin })
      expect(refused.status, origin).toBe(403)
      expect(errorMessage(refused)).toContain(`Origin "${origin}"`)
    }
    expect((await as(`127.0.0.1:${port}`, "/__mock/journal", { origin: `http://127.0.0.1:${port}` })).status)
      .toBe(200)
    expect((await as(`localhost:${port}`, "/__mock/journal", { origin: `http://localhost:${port}` })).status).toBe(200)
  })

  it("writes need Content-Type: application/json (415 otherwise, and nothing changes)", async () => {
    const write = (headers: Record<string, string>) =>
      httpCall(running.url, "/__mock/clock", { method: "POST", headers, body: `{"advance":60000}` })
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const refused = await write(type === "" ? {} : { "content-type": type })
      expect(refused.status, type).toBe(415)
      expect(errorMessage(refused)).toContain("Content-Type: application/json")
    }
    expect(running.mock.now()).toBe(now)
    expect((await write({ "content-type": "Application/JSON; charset=utf-8" })).status).toBe(200)
    expect(running.mock.now()).toBe(now + 60_000)
  })
})

describe("the admin API in-process", () => {
  it("checks Origin and Content-Type the same way (no Host check: no browser reaches it)", async () => {
    const mock = new PolyvMock({ seed: "exposure", now, clock: () => now })
    const foreign = await mock.fetch("http://mock.test/__mock/world", { headers: { origin: "http://evil.example" } })
    expect(foreign.status).toBe(403)
    const plain = await mock.fetch("http://mock.test/__mock/reset", { method: "POST", body: "{}" })
    expect(plain.status).toBe(415)
    expect((await mock.fetch("http://mock.test/__mock/reset", adminPost())).status).toBe(200)
  })
})

describe("--admin-token", () => {
  const token = "admin-token-Qw3rty-9"
  let running: RunningMock
  beforeAll(async () => {
    running = await startServer({ seed: "exposure", now, clock: () => now, reportPolls: 0, adminToken: token })
  })
  afterAll(() => running.close())

  it("the admin API needs Authorization: Bearer <token>; API calls and report links do not", async () => {
    const journal = (authorization?: string) =>
      httpCall(running.url, "/__mock/journal", { headers: authorization === undefined ? {} : { authorization } })
    for (const given of [undefined, "Bearer wrong", `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(1)}`]) {
      const refused = await journal(given)
      expect(refused.status, given).toBe(401)
      expect(refused.headers["www-authenticate"]).toMatch(/^Bearer /)
      expect(errorMessage(refused)).toContain("--admin-token")
    }
    expect((await journal(`Bearer ${token}`)).status).toBe(200)
    expect((await journal(`bearer   ${token}`)).status).toBe(200)
    const write = await httpCall(running.url, "/__mock/reset", {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${token}` },
      body: "{}",
    })
    expect(write.status).toBe(200)

    const channel = running.mock.world.channels[1]!
    const session = running.mock.world.sessions(channel).find((s) => s.endTime !== null)!
    const query = new URLSearchParams(signed({ channelId: channel.channelId, sessionId: session.sessionId }))
    const exported = await httpCall(running.url, `${Contract.exportReport.path}?${query}`)
    expect(exported.status).toBe(200)
    const link = new URL(JSON.parse(exported.text).data as string)
    expect((await httpCall(running.url, `${link.pathname}${link.search}`)).status).toBe(200)

    const everything = [
      (await journal(`Bearer ${token}`)).text,
      JSON.stringify(running.mock.options),
      JSON.stringify(running.mock.adminGate),
    ].join("\n")
    expect(everything).not.toContain(token)
  })

  it("a token a Bearer header cannot carry is refused, without quoting it", () => {
    expect(() => new AdminGate.AdminGate("two words")).toThrow(/visible ASCII/)
    expect(() => new AdminGate.AdminGate("")).toThrow(/visible ASCII/)
    expect(() => new AdminGate.AdminGate("two words")).not.toThrow(/two words/)
  })

  it(`${AdminGate.adminTokenEnv}: unset is no token; set, it must be one, empty and blank included`, () => {
    const read = (value?: string) =>
      AdminGate.adminTokenFromEnv(value === undefined ? {} : { [AdminGate.adminTokenEnv]: value })
    expect(read()).toEqual(Result.succeed(Option.none()))
    expect(read(token)).toEqual(Result.succeed(Option.some(token)))
    for (const [value, what] of [["", "empty"], [" ", "blank"], ["\t", "blank"], ["two words", "not a token"]]) {
      const refused = read(value)
      expect(Result.isFailure(refused), JSON.stringify(value)).toBe(true)
      const message = Result.isFailure(refused) ? refused.failure : ""
      expect(message).toContain(`${AdminGate.adminTokenEnv} is set but ${what}`)
      expect(message).not.toContain("--admin-token")
      if (value.trim() !== "") expect(message).not.toContain(value)
    }
  })

  it(`the bin: an empty ${AdminGate.adminTokenEnv} is refused (exit 2) by its name, not served without a token`, async () => {
    onTestFinished(stopRuns)
    const ended = await runBin(["--port", "0"], { env: { [AdminGate.adminTokenEnv]: "" } })
    expect(ended.code, ended.stderr).toBe(2)
    expect(ended.stdout).toBe("")
    expect(ended.stderr).toContain(`error: ${AdminGate.adminTokenEnv} is set but empty`)
    expect(ended.stderr).not.toContain("flag --admin-token")
  })
})

describe("exposure on start", () => {
  it("a name that is not a host name is refused when the server starts", async () => {
    await expect(startServer({ allowHosts: ["mock:8080"] })).rejects.toThrow(/--allow-host "mock:8080"/)
  })

  it("the names: the listening address, or every interface address for 0.0.0.0, plus loopback and extras", () => {
    const own = Exposure.allowedHosts("10.1.2.3", ["Polyv-Mock", "fd00::1"])
    expect([...own].toSorted()).toEqual(["10.1.2.3", "127.0.0.1", "[::1]", "[fd00::1]", "localhost", "polyv-mock"])
    const every = Exposure.allowedHosts("0.0.0.0")
    for (const { address, family } of Object.values(networkInterfaces()).flatMap((list) => list ?? [])) {
      expect(every.has(family === "IPv6" ? `[${address}]` : address), address).toBe(true)
    }
    expect(every.has("0.0.0.0")).toBe(false)
  })

  it("a loopback --host needs no warning; any other gets one that says what protects the admin API", () => {
    for (const host of ["127.0.0.1", "127.8.0.1", "localhost", "::1", "[::1]"]) {
      expect(Exposure.exposureWarning(host, false), host).toBeUndefined()
    }
    expect(Exposure.exposureWarning("0.0.0.0", false)).toContain("give --admin-token")
    expect(Exposure.exposureWarning("192.168.1.5", true)).toContain("requires Authorization: Bearer")
  })

  it("the bin: warns on a non-loopback --host, reads the token from the environment, never prints it", async () => {
    const token = "env-admin-token-5f2c"
    assertBuilt()
    const child = spawn(process.execPath, [bin, "--host", "0.0.0.0", "--port", "0", "--allow-host", "polyv-mock,a.b"], {
      env: { ...process.env, POLYV_MOCK_ADMIN_TOKEN: token },
      stdio: "pipe",
    })
    let stdout = ""
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0]!)
      })
      child.on("close", () => reject(new Error(`the mock exited early: ${stderr}`)))
    })
    try {
      const as = (host: string, authorization?: string) =>
        httpCall(url, "/__mock/world", { headers: { host, ...(authorization ? { authorization } : {}) } })
      expect((await as("127.0.0.1")).status).toBe(401)
      expect((await as("polyv-mock:8080", `Bearer ${token}`)).status).toBe(200)
      expect((await as("a.b", `Bearer ${token}`)).status).toBe(200)
      expect((await as("evil.example", `Bearer ${token}`)).status).toBe(421)
    } finally {
      child.kill("SIGTERM")
    }
    await exited
    expect(stderr).toContain("warning: --host 0.0.0.0 is not a loopback address")
    expect(stderr).toContain("requires Authorization: Bearer")
    expect(stdout + stderr).not.toContain(token)
  })
})
