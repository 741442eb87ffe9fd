/**
 * `report --download` against a hostile report server, in a real child process: the mock answers
 * the (signed) export call with a URL on a server of this test, which sends the report whole, cuts
 * it, stalls mid-body, or redirects to a closed port. A file already at the path keeps its bytes
 * (and a replaced one its mode) through a cut, a stall past --timeout, a refused connection (exit
 * 3, each with the hint that fits), a file too large for `ulimit -f` (exit 2, the system's reason),
 * SIGINT, SIGTERM and SIGHUP (exit 130, no `.partial` file left) and SIGKILL (only the `.partial`
 * file is left). A path that cannot work (a device, a pipe, a write-protected file, a name too
 * long, a trailing `/`) is refused before Polyv is asked. `--download -` puts the report's exact
 * bytes, and nothing else, on stdout, and is refused when stdout is a terminal. `demo` checks its
 * TMPDIR before the tour and leaves no temporary folder when interrupted (cli.test.ts: nor when it
 * ends).
 */
import { type RunningMock, startServer, type WorldSession } from "@polyv-stats/mock-server"
import { type ChildProcess, spawn } from "node:child_process"
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { createServer, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { zipShaped } from "../../core/test/zipShaped.js"
import { APP_ID, assertBuilt, baseEnv, bin, expectNoSecret, freePort, type Run, SECRET, SEED } from "./helpers.js"

/** The report the server sends: shaped like an xlsx, every byte value, so a text decoding on the way would show. */
const report = Buffer.from(zipShaped(64 * 1024))
const half = report.length / 2
const old = Buffer.from("the report saved last week\n")

type Behaviour = "whole" | "cut" | "stall" | "redirectToClosedPort"
/** How the report server answers for each session (a different session per test). */
const behaviours = new Map<string, Behaviour>()
/** A port where nothing listens, for the redirect. */
let closedPort: number

const answer = (behaviour: Behaviour, res: ServerResponse) => {
  if (behaviour === "redirectToClosedPort") {
    res.writeHead(302, { location: `http://127.0.0.1:${closedPort}/r.xlsx?token=report-token` })
    return void res.end()
  }
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
  closedPort = await freePort()
})
afterAll(async () => {
  reports?.closeAllConnections()
  reports?.close()
  await mock?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

const seen: Array<Run> = []

/** A child process of the CLI, its output kept as bytes; `progressed` resolves at its first progress line. */
const launch = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
  cwd?: string,
  command: ReadonlyArray<string> = [process.execPath, bin],
) => {
  const child: ChildProcess = spawn(command[0]!, [...command.slice(1), ...args], {
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
  it("saves the report whole over the old file, keeping its mode (0600 stays private); nothing else beside it", async () => {
    const { folder, file } = savedReport("whole")
    chmodSync(file, 0o600)
    const r = await launch(download(sessionFor("whole"), file, "--format", "json"), creds).done
    expect(r.code, r.stderr).toBe(0)
    expect(readFileSync(file).equals(report)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it("3: a connection cut mid-body leaves the old file as it was; the message counts what arrived", async () => {
    const { folder, file } = savedReport("cut")
    const r = await launch(download(sessionFor("cut"), file), creds).done
    expect([r.code, r.stdout.length]).toEqual([3, 0])
    expect(r.stderr).toMatch(
      /error: could not download the report: the report download was cut off after [1-9]\d* of 65536/,
    )
    expect(r.stderr).toMatch(/^hint: .*try again/m)
    expect(r.stderr).not.toContain("--timeout")
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it("3: a stall mid-body fails after --timeout, the old file as it was", async () => {
    const { folder, file } = savedReport("stall")
    const r = await launch(download(sessionFor("stall"), file, "--timeout", "300ms"), creds).done
    expect([r.code, r.stdout.length]).toEqual([3, 0])
    expect(r.stderr).toMatch(/the report download stalled: nothing received for 300ms, after \d+ of 65536 bytes/)
    expect(r.stderr).toMatch(/^hint: .*--timeout makes the download more patient/m)
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it("3: a redirect to a closed port says so (without the URL's token), with a hint that fits", async () => {
    const { file } = savedReport("redirect")
    const r = await launch(download(sessionFor("redirectToClosedPort"), file), creds).done
    expect([r.code, r.stdout.length]).toEqual([3, 0])
    expect(r.stderr).toMatch(
      new RegExp(
        `error: could not download the report: could not fetch the report from 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`,
      ),
    )
    expect(r.stderr).not.toContain("report-token")
    expect(r.stderr).toMatch(/^hint: .*could not be reached.*try again/m)
    expect(readFileSync(file).equals(old)).toBe(true)
  })

  it("2: a file the system will not let grow (ulimit -f): its name and the system's reason, nothing left", async () => {
    const { folder, file } = savedReport("ulimit")
    // 8 blocks (4 or 8 KiB, as the shell counts them): the 64 KiB report cannot be written whole.
    const shell = ["/bin/sh", "-c", `ulimit -f 8 && exec "${process.execPath}" "${bin}" "$@"`, "sh"]
    const r = await launch(download(sessionFor("whole"), file), creds, undefined, shell).done
    expect([r.code, r.stdout.length], r.stderr).toEqual([2, 0])
    expect(r.stderr).toContain(`error: --download ${JSON.stringify(file)}: file too large (EFBIG)`)
    expect(r.stderr).not.toContain(".partial")
    expect(readFileSync(file).equals(old)).toBe(true)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
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

describe.concurrent("2: a --download path that cannot work is refused before Polyv is asked", () => {
  // No credentials and no mock: a refusal that came any later would be about those instead.
  const refusal = async (target: string) => {
    const r = await launch(["report", "--channel", "1", "--session", "s", "--download", target]).done
    expect([r.code, r.stdout.length], r.stderr).toEqual([2, 0])
    return r.stderr
  }
  const prefix = (target: string) => `error: --download ${JSON.stringify(target)}: `

  it("a device (a link to /dev/null) or a socket (the child's own stdout): not replaced by a file", async () => {
    const folder = join(root, "devices")
    mkdirSync(folder)
    const device = join(folder, "null.xlsx")
    symlinkSync("/dev/null", device)
    expect(await refusal(device)).toContain(
      `${prefix(device)}is a character device, not a regular file; expected a file path, or - for stdout`,
    )
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true)
    // Node gives a child's stdout "pipe" as a socket pair.
    expect(await refusal("/proc/self/fd/1")).toContain(`${prefix("/proc/self/fd/1")}is a socket, not a regular file`)
  })

  it("a write-protected file (0444), a name over 255 bytes, a path ending in /", async () => {
    const { folder, file } = savedReport("protected")
    chmodSync(file, 0o444)
    expect(await refusal(file)).toContain(`${prefix(file)}is write-protected (mode 0444)`)
    expect(readFileSync(file).equals(old)).toBe(true)
    const long = join(folder, `${"r".repeat(251)}.xlsx`)
    expect(await refusal(long)).toContain(`${prefix(long)}its name is 256 bytes long; a file name is at most 255`)
    const slash = join(folder, "newfile/")
    expect(await refusal(slash)).toContain(`${prefix(slash)}ends with a slash`)
    expect(readdirSync(folder)).toEqual(["report.xlsx"])
  })

  // `script` gives the child a terminal for stdout (util-linux, in Debian's bsdutils).
  const script = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path))
  it.skipIf(script === undefined)(
    "- when stdout is a terminal: the report's bytes would go to the screen",
    async () => {
      const command = [bin, "report", "--channel", "1", "--session", "s", "--download", "-"]
      const r = await launch(
        ["-qec", [process.execPath, ...command].map((a) => `'${a}'`).join(" "), "/dev/null"],
        {},
        undefined,
        [script!],
      ).done
      const shown = r.stdout.toString("utf8")
      expect(r.code, shown).toBe(2)
      expect(shown).toContain("error: --download - writes the report's bytes to stdout, which is a terminal")
    },
  )
})

describe("demo", () => {
  it.each(["SIGINT", "SIGHUP"] as const)(
    "leaves no temporary folder when stopped by %s while it downloads its report",
    async (signal) => {
      const tmp = mkdtempSync(join(root, "demo-tmp-"))
      const run = launch(["demo"], { TMPDIR: tmp })
      await run.printed(/\$ polyv-stats report /)
      expect(readdirSync(tmp)).toHaveLength(1) // the report's folder
      run.child.kill(signal)
      const r = await run.done
      expect(r.code, r.stderr).toBe(130)
      expect(readdirSync(tmp)).toEqual([])
    },
  )

  it("2: a TMPDIR that is missing or a file is one line naming it, before the tour starts", async () => {
    const file = join(root, "tmp-is-a-file")
    writeFileSync(file, "")
    for (const [tmp, reason] of [[join(root, "no-such-tmp"), "ENOENT"], [file, "ENOTDIR"]] as const) {
      const r = await launch(["demo"], { TMPDIR: tmp }).done
      expect(r.code, r.stderr).toBe(2)
      expect(r.stdout.length, r.stdout.toString()).toBe(0)
      expect(r.stderr).toMatch(
        new RegExp(
          `^error: the demo needs a temporary folder, and cannot make one in TMPDIR=${
            JSON.stringify(tmp)
          }: .*\\(${reason}\\); set TMPDIR to a folder you can write\n$`,
        ),
      )
    }
  })
})

it("the app secret appears in no output of any run", () => expectNoSecret(seen, 19))
