/**
 * `report` against the mock's report lifecycle (a report is "not ready" for `reportPolls` polls
 * after it is first asked for): every format, --wait through not-ready to ready with its progress
 * line, --download writing a real .xlsx, exit 1 (not ready without --wait), 2 (bad --download),
 * and 4 (the wait timed out).
 */
import { type RunningMock, startServer, type WorldSession } from "@polyv-stats/mock-server"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { APP_ID, assertBuilt, expectNoSecret, makeRunner, parseCsv, SECRET, SEED } from "./helpers.js"

/** The part of exceljs used here. */
interface Workbook {
  readonly xlsx: { load: (data: Buffer) => Promise<unknown> }
  readonly worksheets: ReadonlyArray<{
    eachRow: (f: (row: { eachCell: (g: (cell: { value: unknown }) => void) => void }) => void) => void
  }>
}
// exceljs is the mock's dependency (it writes the reports); read them back with the same library,
// resolved from the mock's package rather than added to this one.
const ExcelJS = createRequire(new URL("../../mock-server/package.json", import.meta.url))("exceljs") as {
  Workbook: new() => Workbook
}

const { seen, run } = makeRunner()

let mock: RunningMock
let creds: Record<string, string>
let folder: string
const reportPolls = 2

beforeAll(async () => {
  assertBuilt()
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET, reportPolls })
  creds = { POLYV_BASE_URL: mock.url, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET }
  folder = mkdtempSync(join(tmpdir(), "polyv-stats-cli-test-"))
})
afterAll(async () => {
  await mock?.close()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** Ended sessions, a different one per test so that each starts its own report lifecycle. */
const endedSessions = (): ReadonlyArray<WorldSession> =>
  mock.mock.world.channels.flatMap((c) => mock.mock.world.sessions(c).filter((s) => s.endTime !== null))
const session = (n: number) => endedSessions()[n]!
const reportArgs = (s: WorldSession) => ["report", "--channel", s.channelId, "--session", s.sessionId]
const fast = ["--wait", "--poll-interval", "20ms"]

const urlPattern = (s: WorldSession) => new RegExp(`/__mock/reports/${s.channelId}/${s.sessionId}\\.xlsx\\?`)

describe.concurrent("report", () => {
  it("--wait goes from not ready to ready, with a progress line per poll on stderr", async () => {
    const s = session(0)
    const r = await run([...reportArgs(s), ...fast, "--format", "json"], creds)
    expect(r.code, r.stderr).toBe(0)
    const progress = r.stderr.split("\n").filter((l) => l.startsWith("waiting for the report"))
    expect(progress).toHaveLength(reportPolls)
    expect(progress[0]).toMatch(
      new RegExp(
        `^waiting for the report of ${s.sessionId}: poll 1 not ready, \\d+\\.\\ds of 600s elapsed, next poll in 0\\.0s$`,
      ),
    )
    expect(progress[1]).toContain("poll 2 not ready")
    expect(r.stderr).toMatch(/The report is ready/)
    const out = JSON.parse(r.stdout) as { channelId: string; sessionId: string; url: string }
    expect(out).toMatchObject({ channelId: s.channelId, sessionId: s.sessionId })
    expect(out.url).toMatch(urlPattern(s))
  })

  it("every format", async () => {
    const s = session(1)
    // The first run waits the report ready; then each format in turn.
    const first = await run([...reportArgs(s), ...fast, "--format", "ndjson"], creds)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout.trimEnd().split("\n")).toHaveLength(1)
    expect((JSON.parse(first.stdout) as { url: string }).url).toMatch(urlPattern(s))
    const [json, csv, table] = await Promise.all(
      ["json", "csv", "table"].map((format) => run([...reportArgs(s), "--format", format], creds)),
    )
    for (const r of [json, csv, table]) expect(r.code, r.stderr).toBe(0)
    const url = (JSON.parse(json.stdout) as { url: string }).url
    expect(url).toMatch(urlPattern(s))
    // Each answer is a fresh URL (its expiry moves on), so compare the rest and the URL's form.
    const [header, row, ...more] = parseCsv(csv.stdout)
    expect([header, row!.slice(0, 4), more]).toEqual([
      ["channelId", "sessionId", "file", "bytes", "url"],
      [s.channelId, s.sessionId, "", ""],
      [],
    ])
    expect(row![4]).toMatch(urlPattern(s))
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^CHANNEL\s+SESSION\s+FILE\s+BYTES\s+URL$/)
    expect(lines[2]).toMatch(urlPattern(s))
  })

  it("--download writes the session's .xlsx (a zip exceljs reads), with a progress bar on stderr", async () => {
    const s = session(2)
    const file = join(folder, "report.xlsx")
    const r = await run([...reportArgs(s), ...fast, "--download", file, "--format", "json"], creds)
    expect(r.code, r.stderr).toBe(0)
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK")
    const out = JSON.parse(r.stdout) as { file: string; bytes: number }
    expect(out.file).toBe(file)
    expect(out.bytes).toBe(statSync(file).size)
    expect(r.stderr).toMatch(/^(\[#+-*\] +\d+%|downloading… )/m)
    expect(r.stderr).toContain(`Saved the report to ${file}`)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes)
    const cells = workbook.worksheets.flatMap((sheet) => {
      const values: Array<string> = []
      sheet.eachRow((row) => row.eachCell((cell) => void values.push(String(cell.value))))
      return values
    })
    expect(cells).toContain(s.sessionId)
    expect(cells).toContain(s.channelId)
  })

  it("1: not ready without --wait, with the hint to add it", async () => {
    const r = await run(reportArgs(session(3)), creds)
    expect([r.code, r.stdout]).toEqual([1, ""])
    expect(r.stderr).toContain("Report is not ready yet, please try again later.")
    expect(r.stderr).toContain("--wait")
  })

  it("4: the wait times out (an unknown session is never ready)", async () => {
    const s = session(4)
    const r = await run(
      ["report", "--channel", s.channelId, "--session", "nosuchsession0", ...fast, "--timeout", "1s"],
      creds,
    )
    expect([r.code, r.stdout]).toEqual([4, ""])
    expect(r.stderr).toMatch(/error: the report for session nosuchsession0 .* was not ready after \d+ polls/)
    expect(r.stderr).toContain("--timeout")
    expect(r.stderr).toMatch(/poll 1 not ready, .* of 1\.0s elapsed/)
  })

  it("2: --download into a folder that does not exist, before asking Polyv", async () => {
    const r = await run([...reportArgs(session(5)), "--download", join(folder, "missing", "r.xlsx")], creds)
    expect([r.code, r.stdout]).toEqual([2, ""])
    expect(r.stderr).toMatch(/--download .*missing.*does not exist/)
  })

  it("2: --poll-interval without --wait", async () => {
    const r = await run([...reportArgs(session(5)), "--poll-interval", "1s"], creds)
    expect([r.code, r.stdout]).toEqual([2, ""])
  })
})

it("the app secret appears in no output of any run", () => expectNoSecret(seen, 9))
