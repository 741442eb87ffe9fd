/**
 * `report --download` against a hostile report server, in a real child process: the mock answers
 * the (signed) export call with a URL on a server of this test, which sends the report whole, cuts
 * it, or stalls mid-body. A file already at the path keeps its bytes through a cut, a stall past
 * --timeout (exit 3), SIGINT and SIGTERM (exit 130, no `.partial` file left) and SIGKILL (only the
 * `.partial` file is left). `--download -` puts the report's exact bytes, and nothing else, on
 * stdout. `demo` leaves no temporary folder when interrupted (cli.test.ts: nor when it ends).
 */
import { type RunningMock, startServer, type WorldSession } from "@polyv-stats/mock-server"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { APP_ID, assertBuilt, baseEnv, bin, expectNoSecret, type Run, SECRET, SEED } from "./helpers.js"

/** The report the server sends: every byte value, so a text decoding on the way would show. */
const report = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 31 + (i >> 8)) % 256))
const half = report.length / 2
const old = Buffer.from("the report saved last week\n")

type Behaviour = "whole" | "cut" | "stall"
/** How the report server answers for each session (a different session per test). */
const behaviours = new Map<string, Behaviour>()

const answer = (behaviour: Behaviour, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": report.length })
  if (behaviour === "whole") return void res.end(report)
  res.write(report.subarray(0, half), () => {
    if (behaviour === "cut") res.socket?.resetAndDestroy()
  })
}

let reports: Server
let mock: RunningMock
let creds: Record<string, string>
let root: string

beforeAll(async () => {
  assertBuilt()
  reports = createServer((req, res) => {
    const session = /\/([0-9A-Za-z]+)\.xlsx/.exec(req.url ?? "")?.[1] ?? ""
    answer(behaviours.get(session) ?? "whole", res)
  })
  await new Promise<void>((resolve) => reports.listen(0, "127.0.0.1", () => resolve()))
  const publicUrl = `http://127.0.0.1:${(reports.address() as AddressInfo).port}`
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET, reportPolls: 0, publicUrl })
  creds = { POLYV_BASE_URL: mock.url, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET }
  root = mkdtempSync(join(tmpdir(), "polyv-stats-download-test-"))
})
afterAll(async () => {
  reports?.closeAllConnections()
  reports?.close()
  await mock?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

const seen: Array<Run> = []

/** A child process of the CLI, its output kept as bytes; `progressed` resolves at its first progress line. */
const launch = (args: ReadonlyArray<string>, env: Record<string, string> = {}, cwd?: string) => {
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
    env: { ...baseEnv(), ...env },
    stdio: "pipe",
    cwd,
  })
  const stdout: Array<Buffer> = []
  const printedWaits: Array<() => void> = []
  let stderr = ""
  let progressed!: () => void
  const progress = new Promise<void>((resolve) => (progressed = resolve))
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout.push(chunk)
    for (const check of printedWaits) check()
  })
  /** Resolves once stdout shows `pattern`. */
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (pattern.test(Buffer.concat(stdout).toString("utf8"))) resolve()
      }
      printedWaits.push(check)
      check()
    })
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk
    if (/^(\[#*-*\] +\d+%|downloading… )/m.test(stderr)) progressed()
  })
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }>(
    (resolve, reject) => {
      child.on("error", reject)
      child.on("close", (code, signal) => {
        const out = Buffer.concat(stdout)
        seen.push({ args, code, stdout: out.toString("latin1"), stderr })
        resolve({ code, signal, stdout: out, stderr })
      })
    },
  )
  return { child, progress, printed, done }
}

/** Ended sessions, a different one per test. */
let next = 0
const sessionFor = (behaviour: Behaviour): WorldSession => {
  const ended = mock.mock.world.channels.flatMap((c) => mock.mock.world.sessions(c).filter((s) => s.endTime !== null))
  const s = ended[next++]!
  behaviours.set(s.sessionId, behaviour)
  return s
}

/** A folder of its own holding a good report already saved. */
const savedReport = (name: string) => {
  const folder = join(root, name)
  mkdirSync(folder)
  const file = join(folder, "report.xlsx")
  writeFileSync(file, old)
  return { folder, file }
}

const download = (
  s: WorldSession,
  target: string,
  ...more: ReadonlyArray<string>
) => ["report", "--channel", s.channelId, "--session", s.sessionId, "--download", target, ...more]

describe.concurrent("report --download", () => {
  it("saves the report whole over the old file, and nothing else is left beside it", async () => {
    const { folder, file } = savedReport("whole")
    const r = await launch(download(sessionFor("whole"), file, "--format", "json"), creds).done
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(file).equals(report)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it("3: a connection cut mid-body leaves the old file as it was", async () => {
    const { folder, file } = savedReport("cut")
    const r = await launch(download(sessionFor("cut"), file), creds).done
    expect([r.code, r.stdout.length]).toEqual([3, 0])
    expect(r.stderr).toMatch(/error: could not download the report: the report download was cut off after \d+ of 65536/)
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it("3: a stall mid-body fails after --timeout, the old file as it was", async () => {
    const { folder, file } = savedReport("stall")
    const r = await launch(download(sessionFor("stall"), file, "--timeout", "300ms"), creds).done
    expect([r.code, r.stdout.length]).toEqual([3, 0])
    expect(r.stderr).toMatch(/the report download stalled: nothing received for 300ms, after \d+ of 65536 bytes/)
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it.each(["SIGINT", "SIGTERM"] as const)(
    "130: %s mid-body leaves the old file and no .partial file",
    async (signal) => {
      const { folder, file } = savedReport(signal)
      const run = launch(download(sessionFor("stall"), file), creds)
      await run.progress
      run.child.kill(signal)
      const r = await run.done
      expect(r.code, r.stderr).toBe(130)
      expect(readFileSync(file).equals(old)).toBe(true)
      expect(readdirSync(folder)).toEqual(["report.xlsx"])
    },
  )

  it("SIGKILL mid-body: the old file is still whole; the .partial file beside it is all that is left", async () => {
    const { folder, file } = savedReport("SIGKILL")
    const run = launch(download(sessionFor("stall"), file), creds)
    await run.progress
    run.child.kill("SIGKILL")
    expect((await run.done).signal).toBe("SIGKILL")
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder).toSorted()).toEqual([
      "report.xlsx",
      expect.stringMatching(/^report\.xlsx\.[0-9a-f]{12}\.partial$/),
    ])
  })

  it("- writes the report's exact bytes, and nothing else, to stdout; progress on stderr", async () => {
    const cwd = join(root, "stdout")
    mkdirSync(cwd)
    const r = await launch(download(sessionFor("whole"), "-", "--format", "json"), creds, cwd).done
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.equals(report)).toBe(true)
    expect(r.stderr).toMatch(/^\[#+-*\] +\d+%/m)
    expect(r.stderr).toContain("Wrote the report to stdout (64.0 KB).")
    expect(readdirSync(cwd)).toEqual([])
  })
})

describe("demo", () => {
  it("leaves no temporary folder when interrupted while it downloads its report", async () => {
    const tmp = mkdtempSync(join(root, "demo-tmp-"))
    const run = launch(["demo"], { TMPDIR: tmp })
    await run.printed(/\$ polyv-stats report /)
    expect(readdirSync(tmp)).toHaveLength(1) // the report's folder
    run.child.kill("SIGINT")
    const r = await run.done
    expect(r.code, r.stderr).toBe(130)
    expect(readdirSync(tmp)).toEqual([])
  })
})

it("the app secret appears in no output of any run", () => expectNoSecret(seen, 8))
