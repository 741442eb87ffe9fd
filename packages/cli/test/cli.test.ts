/**
 * Runs the BUILT bundle (dist/polyv-stats.mjs, `pnpm run build` first) as a subprocess against
 * the mock served from this process on a real socket. Nothing sleeps: every wait is on process
 * output or exit.
 */
import { ChinaTime, PolyvClient } from "@polyv-stats/core"
import { type RunningMock, startServer, World } from "@polyv-stats/mock-server"
import { Effect, Redacted } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  APP_ID,
  assertBuilt,
  baseEnv,
  bin,
  expectNoSecret,
  freePort,
  makeRunner,
  SECRET,
  SEED,
  utc,
} from "./helpers.js"

const { seen, run } = makeRunner()

let mock: RunningMock
let creds: Record<string, string>
const live = () => mock.mock.world.channels[0]!
const ended = () => mock.mock.world.channels[1]!

beforeAll(async () => {
  assertBuilt()
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET })
  creds = { POLYV_BASE_URL: mock.url, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET }
})
afterAll(() => mock?.close())

interface WireSession {
  readonly sessionId: string
  readonly channelId: string
  readonly userId: string
  readonly startTime: number
  readonly endTime: number | null
}

const wireView = (s: WireSession) => ({
  sessionId: s.sessionId,
  channelId: s.channelId,
  userId: s.userId,
  startTime: s.startTime,
  endTime: s.endTime,
})

describe.concurrent("sessions", () => {
  it("json: the mock's own sessions, newest first, page size honoured", async () => {
    const r = await run(["sessions", "--channel", live().channelId, "--page-size", "7", "--format", "json"], creds)
    expect(r.code).toBe(0)
    const items = JSON.parse(r.stdout) as Array<WireSession>
    expect(items).toHaveLength(7)
    expect(items.map(wireView)).toEqual(mock.mock.world.sessions(live()).slice(0, 7).map(wireView))
    expect(typeof items[0]!.channelId).toBe("string")
    expect(items[0]!.endTime).toBeNull() // the live one
    expect(r.stderr).toMatch(/Page 1 of \d+/)
  })

  it("json is the default when stdout is not a terminal; --page moves on", async () => {
    const r = await run(["sessions", "--channel", ended().channelId, "--page-size", "3", "--page", "2"], creds)
    expect(r.code).toBe(0)
    const ids = (JSON.parse(r.stdout) as Array<{ sessionId: string }>).map((s) => s.sessionId)
    expect(ids).toEqual(mock.mock.world.sessions(ended()).slice(3, 6).map((s) => s.sessionId))
  })

  it("table: columns, local times, live, h:mm:ss", async () => {
    const r = await run(["sessions", "--channel", live().channelId, "--page-size", "3", "--format", "table"], creds)
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^SESSION ID\s+CHANNEL\s+USER\s+START\s+END\s+DURATION$/)
    expect(lines).toHaveLength(2 + 3)
    const [newest, older] = mock.mock.world.sessions(live())
    expect(lines[2]).toContain(newest!.sessionId)
    expect(lines[2]).toContain(utc(newest!.startTime)) // TZ=UTC in the child
    expect(lines[2]).toMatch(/\slive\s/)
    expect(lines[3]).toContain(utc(older!.endTime!))
    const d = (older!.endTime! - older!.startTime) / 1000
    const hms = `${Math.floor(d / 3600)}:${String(Math.floor(d / 60) % 60).padStart(2, "0")}:${
      String(d % 60).padStart(2, "0")
    }`
    expect(lines[3]!.trimEnd().endsWith(hms)).toBe(true)
    expect(r.stderr).toContain("Times in UTC")
  })

  it("credentials: flags work without env, and flags win over env", async () => {
    const args = ["sessions", "--channel", ended().channelId, "--page-size", "1", "--format", "json"]
    const flags = await run([...args, "--base-url", mock.url, "--app-id", APP_ID, "--app-secret", SECRET])
    expect(flags.code).toBe(0)
    const override = await run([...args, "--app-secret", SECRET], { ...creds, POLYV_APP_SECRET: "wrong-env-secret" })
    expect(override.code).toBe(0)
    expect(JSON.parse(override.stdout)).toEqual(JSON.parse(flags.stdout))
  })

  it("--to as a bare date includes that whole day (China time)", async () => {
    const sessions = mock.mock.world.sessions(ended())
    const target = sessions.find((s) => (s.startTime + ChinaTime.offsetMillis) % ChinaTime.dayMillis !== 0)!
    const day = ChinaTime.formatDate(target.startTime)
    const sameDay = sessions.filter((s) => ChinaTime.formatDate(s.startTime) === day).map((s) => s.sessionId)
    const base = ["sessions", "--channel", ended().channelId, "--format", "json", "--from", day]

    const inclusive = await run([...base, "--to", day], creds)
    expect(inclusive.code).toBe(0)
    expect((JSON.parse(inclusive.stdout) as Array<{ sessionId: string }>).map((s) => s.sessionId)).toEqual(sameDay)
    expect(inclusive.stderr).toContain(`to ${day} 23:59:59`)

    const midnight = await run([...base, "--to", `${day} 00:00:00`], creds)
    expect(midnight.code).toBe(0)
    expect((JSON.parse(midnight.stdout) as Array<{ sessionId: string }>).map((s) => s.sessionId)).not.toContain(
      target.sessionId,
    )
  })
})

describe.concurrent("exit codes", () => {
  it("1: Polyv's error with a hint (wrong secret)", async () => {
    const r = await run(["sessions", "--channel", live().channelId], { ...creds, POLYV_APP_SECRET: "not-the-secret" })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(r.stderr).toContain("invalid signature.")
    expect(r.stderr).toMatch(/POLYV_APP_SECRET|--app-secret/)
  })

  it("1: a channel that is not in the account", async () => {
    const r = await run(["sessions", "--channel", "1"], creds)
    expect([r.code, r.stdout]).toEqual([1, ""])
    expect(r.stderr).toContain("illegal channel id: 1")
    expect(r.stderr).toContain("not in this account")
  })

  const usage: ReadonlyArray<[string, ReadonlyArray<string>, Record<string, string> | undefined, RegExp]> = [
    [
      "a bad date",
      ["sessions", "--channel", "123", "--from", "2026-02-30"],
      undefined,
      /--from.*"2026-02-30".*yyyy-MM-dd/,
    ],
    [
      "a bad number",
      ["sessions", "--channel", "123", "--page-size", "ten"],
      undefined,
      /--page-size.*"ten".*whole number/,
    ],
    ["a bad channel ID", ["sessions", "--channel", "abc"], undefined, /--channel.*"abc".*digits/],
    ["an unknown flag", ["sessions", "--channel", "123", "--chanel", "1"], undefined, /--chanel/],
    ["a missing required flag", ["sessions"], undefined, /--channel/],
    ["missing credentials", ["sessions", "--channel", "123"], {}, /POLYV_APP_ID.*POLYV_APP_SECRET/],
    [
      "a missing secret only",
      ["sessions", "--channel", "123"],
      { POLYV_APP_ID: "x" },
      /--app-secret or POLYV_APP_SECRET/,
    ],
    ["an unknown command", ["sesions"], undefined, /unknown command/],
  ]
  for (const [name, args, env, message] of usage) {
    it(`2: ${name}, one line on stderr, nothing on stdout`, async () => {
      const r = await run(args, env ?? creds)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    })
  }

  it("3: nothing listens at --base-url", async () => {
    const port = await freePort()
    const r = await run(["sessions", "--channel", "123"], { ...creds, POLYV_BASE_URL: `http://127.0.0.1:${port}` })
    expect(r.code).toBe(3)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/no whole answer from Polyv/)
  })
})

describe.concurrent("demo, mock, help", () => {
  it("demo tours every command against its own mock, ends with a downloaded report, leaves nothing behind", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "polyv-stats-demo-test-"))
    const [r, quiet] = await Promise.all([
      run(["demo"], { TMPDIR: tmp }),
      run(["demo", "-q", "--color"], { TMPDIR: tmp }),
    ])
    expect(r.code).toBe(0)
    // The tour's commands print as `-q` and `--color` say: no progress or notes, coloured prefixes.
    expect(quiet.code).toBe(0)
    expect(r.stdout).not.toContain("\x1b[")
    expect(quiet.stdout).toContain("\x1b[33mwarning\x1b[39m: usage from")
    expect(quiet.stdout).not.toMatch(/poll 1 not ready/)
    expect(quiet.stdout).toMatch(/The report \(\d+ bytes\) was saved to \S+\.xlsx,/)
    expect(r.stdout).toMatch(/\$ polyv-stats sessions --channel \d+ --page-size 5/)
    expect(r.stdout).toMatch(/SESSION ID\s+CHANNEL\s+USER\s+START\s+END\s+DURATION/)
    expect(r.stdout).toMatch(/\$ polyv-stats sessions --channel \d+ --from \S+ --all/)
    for (const command of ["durations --channels", "concurrency --users", "mic-usage --from", "report --channel"]) {
      expect(r.stdout).toContain(`$ polyv-stats ${command}`)
    }
    expect(r.stdout).toContain("warning: usage from")
    expect(r.stdout).toContain("(exit code 1)")
    expect(r.stdout).toMatch(/poll 1 not ready/)
    // Saved into a temporary folder, which the demo removed as it ended.
    expect(readdirSync(tmp)).toEqual([])
    expect(r.stdout, r.stdout.slice(-1500)).toMatch(/The report \(\d+ bytes\) was saved to \S+\.xlsx,/)
    rmSync(tmp, { recursive: true, force: true })
    expect(r.stdout).toContain("--help")
  })

  it("mock prints its URL first and serves signed requests until SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [bin, "mock", "--port", "0", "--seed", SEED, "--app-id", APP_ID, "--app-secret", SECRET],
      { env: baseEnv(), stdio: "pipe" },
    )
    let stdout = ""
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0]!)
      })
      child.on("close", () => reject(new Error(`mock exited early: ${stderr}`)))
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    const channelId = new World(SEED, Date.now()).channels[0]!.channelId
    const page = await Effect.runPromise(
      PolyvClient.use((polyv) => polyv.sessionList({ channelId, pageSize: 2 })).pipe(
        Effect.provide(PolyvClient.layerNode({ baseUrl: url, appId: APP_ID, appSecret: Redacted.make(SECRET) })),
      ),
    )
    expect(page.contents).toHaveLength(2)
    expect(page.contents[0]!.channelId).toBe(channelId)

    child.kill("SIGTERM")
    const code = await exited
    expect(code).toBe(130)
    expect(stderr).toContain(channelId)
    expect(stderr).toContain("closed")
    seen.push({ args: ["mock"], code, stdout, stderr })
  })

  const helps = [
    ["--help"],
    ...["sessions", "durations", "concurrency", "mic-usage", "report", "mock", "demo"].map((c) => [c, "--help"]),
  ]
  for (const args of helps) {
    it(`${args.join(" ")} shows examples`, async () => {
      // The secret in the environment must not show up in help (no defaults are printed).
      const r = await run(args, creds)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain("EXAMPLES")
      expect(r.stdout).toMatch(/polyv-stats \w+/)
    })
  }

  it("--help documents the exit codes; --version", async () => {
    const help = await run(["--help"])
    for (const code of ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "70 ", "74 "]) expect(help.stdout).toContain(`    ${code}`)
    expect(help.stdout).toContain("--completions")
    for (const flag of ["--base-url", "--app-id", "--format", "--timeout", "--retries", "--verbose", "--utc"]) {
      expect(help.stdout).toContain(flag)
    }
    const version = await run(["--version"])
    expect(version.stdout).toMatch(/polyv-stats v\d+\.\d+\.\d+/)
  })
})

// Last, after every other test of this file (the blocks above are concurrent inside, not with this).
it("the app secret appears in no output of any run", () => expectNoSecret(seen, 20))
