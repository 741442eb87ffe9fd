/**
 * `polyv-mock --world FILE` and `--dump-world FILE` as real child processes: a bad file is refused
 * with every problem on stderr and exit 2, nothing served (no URL on stdout); a dumped world loads
 * back and dumps to the same bytes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { type AddressInfo, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it, onTestFinished } from "vitest"
import { polyvExamples } from "../src/index.js"
import { runBin, stopRuns } from "./binProcess.js"

describe("polyv-mock --world", () => {
  const dir = mkdtempSync(join(tmpdir(), "polyv-world-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("refuses a bad file, a missing one, non-JSON and a size beside it: exit 2, every problem, nothing served", async () => {
    onTestFinished(stopRuns)
    const bad = join(dir, "bad.json")
    writeFileSync(
      bad,
      JSON.stringify({
        users: ["u1"],
        channels: [{
          channelId: "7",
          userId: "u9",
          sessions: [{ sessionId: "s1", startTime: 1652062574000, endTime: 1652062000000 }],
        }],
        // Its stubs are checked with it: their problems are listed beside the world's.
        stubs: [{ endpoint: "micHistory", answers: [{ failure: "ReportNotReady" }] }],
      }),
    )
    const notJson = join(dir, "not.json")
    writeFileSync(notJson, `{"appSecret": Sup3rSecretValue}`)
    // Each file is sound; together they name one stub twice.
    const stub = { endpoint: "micHistory", name: "a", answers: [{ failure: "RateLimited" }] }
    const withStub = join(dir, "with-stub.json")
    writeFileSync(withStub, JSON.stringify({ users: ["u1"], channels: [], stubs: [stub] }))
    const stubs = join(dir, "stubs.json")
    writeFileSync(stubs, JSON.stringify({ stubs: [stub] }))
    // On a port that is taken: the options are refused before the port is tried, so the problem
    // the user must fix is named, not the port.
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    onTestFinished(() => void taken.close())
    const takenPort = String((taken.address() as AddressInfo).port)
    const [refused, missing, garbled, sized, twice, weak] = await Promise.all([
      runBin(["--world", bad]),
      runBin(["--world", join(dir, "missing.json")]),
      runBin(["--world", notJson]),
      runBin(["--world", "polyv-examples", "--channels", "3"]),
      runBin(["--world", withStub, "--stubs", stubs, "--port", takenPort]),
      runBin(["--app-secret", "55"]),
    ])
    expect([weak.code, weak.stdout]).toEqual([2, ""])
    expect(weak.stderr).toMatch(/an app secret of 8 or more characters/)
    expect([twice.code, twice.stdout]).toEqual([2, ""])
    expect(twice.stderr).toMatch(/a stub named "a" exists/)
    expect(twice.stderr).not.toMatch(/listen|in use/)
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.stdout).toBe("")
    expect(refused.stderr.split("\n")).toEqual([
      `error: --world ${bad} is refused, 3 problems:`,
      "  channels[0].userId: u9 is not one of users",
      "  channels[0].sessions[0].endTime: before startTime",
      expect.stringMatching(/^ {2}stubs\[0\]\.answers\[0\]\.failure: .*ReportNotReady/),
      "",
    ])
    expect([missing.code, missing.stdout]).toEqual([2, ""])
    expect(missing.stderr).toContain(`--world ${join(dir, "missing.json")}: cannot be read (ENOENT)`)
    expect([garbled.code, garbled.stdout]).toEqual([2, ""])
    // V8's own message would quote the text around the fault: the secret.
    expect(garbled.stderr).toContain(`--world ${notJson}: not JSON (Unexpected character)`)
    expect(garbled.stderr).not.toMatch(/Sup3r|Secre/)
    expect([sized.code, sized.stdout]).toEqual([2, ""])
    expect(sized.stderr).toContain("--world gives the whole account; --channels")
  })

  it("--dump-world writes any world whole, and --world loads it back to the same bytes", async () => {
    onTestFinished(stopRuns)
    const seeded = join(dir, "seeded.json")
    const examples = join(dir, "examples.json")
    const [dumped, builtIn, mine] = await Promise.all([
      runBin([
        "--seed",
        "bin-dump",
        "--now",
        "2026-01-15T08:00:00Z",
        "--channels",
        "3",
        "--sessions-per-channel",
        "20",
        "--dump-world",
        seeded,
      ]),
      runBin(["--world", "polyv-examples", "--dump-world", examples]),
      runBin(["--app-id", "myapp", "--app-secret", "my-own-secret-9", "--dump-world", join(dir, "mine.json")]),
    ])
    // A secret of one's own is not written: the hint says to give it again, never what it is.
    expect(mine.code, mine.stderr).toBe(0)
    expect(mine.stderr).toContain("--app-secret <the same secret> (the file does not hold it)")
    expect(mine.stderr + readFileSync(join(dir, "mine.json"), "utf8")).not.toContain("my-own-secret-9")
    expect(dumped.code, dumped.stderr).toBe(0)
    expect(dumped.stdout).toBe("")
    expect(dumped.stderr).toContain(`World written to ${seeded} (3 channels, 60 sessions)`)
    expect(builtIn.code, builtIn.stderr).toBe(0)
    const file = JSON.parse(readFileSync(examples, "utf8"))
    expect(file.users).toEqual(polyvExamples.users)
    expect(file.channels.map((c: { sessions: Array<unknown> }) => c.sessions.length)).toEqual([4, 1, 1])

    const again = join(dir, "again.json")
    // Loaded back from a copy an editor saved with a BOM, which is read as the same file.
    const withBom = join(dir, "bom.json")
    writeFileSync(withBom, `\uFEFF${readFileSync(seeded, "utf8")}`)
    const reloaded = await runBin(["--world", withBom, "--dump-world", again])
    expect(reloaded.code, reloaded.stderr).toBe(0)
    // The dump's `now` is the clock when it was written, which runs: the rest is the same bytes.
    const withoutNow = (path: string) => readFileSync(path, "utf8").replace(/"now": \d+/, "")
    expect(withoutNow(again)).toBe(withoutNow(seeded))
  })
})
