/**
 * Every API command in every format against the mock on a real socket, compared with the mock's
 * own world; `--all` across 60-day windows; NDJSON streamed before the last page is fetched; the
 * shared flags before and after the command name; --verbose, --utc, --timeout, --retries; the
 * mic-usage warning; usage errors of the new commands; completions.
 */
import { ChinaTime, Contract, Pacing } from "@polyv-stats/core"
import { type RunningMock, startServer, type WorldSession } from "@polyv-stats/mock-server"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer as createTcpServer, type Socket } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as TimeFormat from "../src/output/TimeFormat.js"
import * as Width from "../src/output/Width.js"
import {
  APP_ID,
  assertBuilt,
  deferred,
  expectNoSecret,
  makeRunner,
  parseCsv,
  type Run,
  SECRET,
  SEED,
  startProxy,
  utc,
} from "./helpers.js"

const { seen, run, start, finish } = makeRunner()

let mock: RunningMock
let creds: Record<string, string>

beforeAll(async () => {
  assertBuilt()
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET })
  creds = { POLYV_BASE_URL: mock.url, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET }
})
afterAll(() => mock?.close())

const world = () => mock.mock.world
const now = () => mock.mock.now()
const day = (daysAgo: number) => ChinaTime.formatDate(now() - daysAgo * ChinaTime.dayMillis)
const dayStart = (text: string) => ChinaTime.parseDate(text)!

type Row = Record<string, string | number | null>

/** One command, its expected rows (from the world), and how each format shows them. */
interface Case {
  readonly name: string
  readonly args: () => ReadonlyArray<string>
  readonly expected: () => ReadonlyArray<Row>
  /** JSON prints an object, not an array. */
  readonly single?: boolean
  /** The fields JSON must have (others, like sessions' optional customId, are ignored). */
  readonly fields: ReadonlyArray<string>
  readonly csvHeader: ReadonlyArray<string>
  readonly tableHeader: RegExp
}

const pick = (row: Row, fields: ReadonlyArray<string>) => Object.fromEntries(fields.map((f) => [f, row[f]]))

const sessionRow = (s: WorldSession): Row => ({
  sessionId: s.sessionId,
  channelId: s.channelId,
  userId: s.userId,
  startTime: s.startTime,
  endTime: s.endTime,
})

const durationOf = (channelId: string): Row => {
  const ended = world().sessions(world().channel(channelId)!).filter((s) => s.endTime !== null)
  return { channelId, duration: ended.reduce((sum, s) => sum + Math.round((s.endTime! - s.startTime) / 1000), 0) }
}

const peakOf = (users: ReadonlyArray<string>, from: string, to: string): Array<Row> => {
  let best: WorldSession | undefined
  for (const channel of world().channels) {
    if (!users.includes(channel.userId)) continue
    for (const s of world().sessions(channel)) {
      const inRange = s.peakAt >= dayStart(from) && s.peakAt < dayStart(to) + ChinaTime.dayMillis
      if (inRange && (best === undefined || s.peakViewers > best.peakViewers)) best = s
    }
  }
  return best ? [{ pullType: "cdn", peakCCV: best.peakViewers, statAt: best.peakAt }] : []
}

/** As the mock counts: days from..to, each only once aggregated (02:00 two days later). */
const micOf = (from: string, to: string): Row => {
  let history = 0
  for (const channel of world().channels) {
    for (const s of world().sessions(channel)) {
      const d = ChinaTime.startOfDay(s.startTime)
      const aggregated = d + 2 * ChinaTime.dayMillis + 2 * 3_600_000 <= now()
      if (d >= dayStart(from) && d <= dayStart(to) && aggregated) history += s.micMinutes
    }
  }
  return { userId: world().mainUser, history }
}

const cases: ReadonlyArray<Case> = [
  {
    name: "sessions",
    args: () => ["sessions", "--channel", world().channels[0]!.channelId, "--page-size", "4"],
    expected: () => world().sessions(world().channels[0]!).slice(0, 4).map(sessionRow),
    fields: ["sessionId", "channelId", "userId", "startTime", "endTime"],
    csvHeader: ["sessionId", "channelId", "userId", "startTime", "endTime", "customId"],
    tableHeader: /^SESSION ID\s+CHANNEL\s+USER\s+START\s+END\s+DURATION$/,
  },
  {
    name: "durations",
    args: () => ["durations", "--channels", world().channels.map((c) => c.channelId).join(",")],
    expected: () => world().channels.map((c) => durationOf(c.channelId)),
    fields: ["channelId", "duration"],
    csvHeader: ["channelId", "duration"],
    tableHeader: /^CHANNEL\s+SECONDS\s+LIVE TIME$/,
  },
  {
    name: "concurrency",
    args: () => ["concurrency", "--users", world().users.join(","), "--from", day(40), "--to", day(0)],
    expected: () => peakOf(world().users, day(40), day(0)),
    fields: ["pullType", "peakCCV", "statAt"],
    csvHeader: ["pullType", "peakCCV", "statAt"],
    tableHeader: /^PULL TYPE\s+PEAK VIEWERS\s+AT$/,
  },
  {
    name: "mic-usage",
    args: () => ["mic-usage", "--from", day(30), "--to", day(5)],
    expected: () => [micOf(day(30), day(5))],
    single: true,
    fields: ["userId", "history"],
    csvHeader: ["userId", "history"],
    tableHeader: /^USER\s+MINUTES\s+CO-HOST TIME$/,
  },
]

const expectFormat = (c: Case, format: string, r: Run) => {
  expect(r.code, r.stderr).toBe(0)
  const expected = c.expected().map((row) => pick(row, c.fields))
  expect(expected.length).toBeGreaterThan(0)
  switch (format) {
    case "json": {
      const parsed = JSON.parse(r.stdout) as Row | Array<Row>
      const rows = c.single ? [parsed as Row] : (parsed as Array<Row>)
      expect(Array.isArray(parsed)).toBe(!c.single)
      expect(rows.map((row) => pick(row, c.fields))).toEqual(expected)
      if ("channelId" in expected[0]!) expect(typeof rows[0]!.channelId).toBe("string")
      return
    }
    case "ndjson": {
      const lines = r.stdout.trimEnd().split("\n")
      expect(lines.map((line) => pick(JSON.parse(line) as Row, c.fields))).toEqual(expected)
      return
    }
    case "csv": {
      expect(r.stdout.endsWith("\r\n")).toBe(true)
      const [header, ...rows] = parseCsv(r.stdout)
      expect(header).toEqual(c.csvHeader)
      expect(rows).toEqual(
        c.expected().map((row) =>
          c.csvHeader.map((k) => (row[k] === null || row[k] === undefined ? "" : String(row[k])))
        ),
      )
      return
    }
    case "table": {
      const lines = r.stdout.trimEnd().split("\n")
      expect(lines[0]).toMatch(c.tableHeader)
      expect(lines[1]).toMatch(/^-+( +-+)*$/)
      expect(lines).toHaveLength(2 + expected.length)
      for (const [i, row] of expected.entries()) {
        for (const value of Object.values(row)) {
          if (typeof value === "string" || (typeof value === "number" && value < 1e12)) {
            expect(lines[2 + i]).toContain(String(value))
          }
        }
      }
    }
  }
}

describe.concurrent("every command in every format", () => {
  for (const c of cases) {
    for (const format of ["table", "json", "ndjson", "csv"]) {
      it(`${c.name} --format ${format}`, async () => {
        expectFormat(c, format, await run([...c.args(), "--format", format], creds))
      })
    }
  }

  it("with no --format and stdout not a terminal, json", async () => {
    const r = await run(cases[1]!.args(), creds)
    expectFormat(cases[1]!, "json", r)
  })

  it("table times: the local zone, or UTC with --utc; durations h:mm:ss", async () => {
    const channel = world().channels[1]!.channelId
    const s = world().sessions(world().channels[1]!)[0]!
    const args = ["sessions", "--channel", channel, "--page-size", "1", "--format", "table"]
    const [shanghai, utcRun] = await Promise.all([
      run(args, { ...creds, TZ: "Asia/Shanghai" }),
      run([...args, "--utc"], { ...creds, TZ: "Asia/Shanghai" }),
    ])
    expect(shanghai.stdout).toContain(ChinaTime.formatDateTime(s.startTime))
    expect(shanghai.stderr).toContain("Times in Asia/Shanghai (UTC+08:00)")
    expect(utcRun.stdout).toContain(utc(s.startTime))
    expect(utcRun.stderr).toContain("Times in UTC.")
  })
})

describe.concurrent("sessions --all", () => {
  it("asks Polyv's largest page when --page-size is not given; --rate-limit over the quota only off Polyv", async () => {
    const proxy = await startProxy(mock.url)
    try {
      const channel = world().channels[1]!.channelId
      const over = `${Pacing.polyvQuota.limit + 1}/10s`
      const all = ["sessions", "--channel", channel, "--all", "--format", "ndjson", "--rate-limit", over]
      const [bulk, againstPolyv] = await Promise.all([
        run(all, { ...creds, POLYV_BASE_URL: proxy.url }),
        // Refused before any request: nothing listens at Polyv's address in these tests anyway.
        run(all, { ...creds, POLYV_BASE_URL: "https://api.polyv.net" }),
      ])
      expect(bulk.code, bulk.stderr).toBe(0)
      expect(bulk.stdout.trimEnd().split("\n").length).toBeGreaterThan(1)
      expect(new Set(proxy.requests.map((q) => q.params.get("pageSize")))).toEqual(
        new Set([String(Contract.bulkPageSize)]),
      )
      expect(againstPolyv.code).toBe(2)
      expect(againstPolyv.stderr).toMatch(
        new RegExp(
          `^error: --rate-limit ${over} is over Polyv's quota of ${Pacing.polyvQuota.limit} requests per 10s.*e\\.g\\. 600/10s`,
        ),
      )
      // One page without --all keeps Polyv's own default (no pageSize sent).
      const before = proxy.requests.length
      const one = await run(["sessions", "--channel", channel, "--format", "ndjson"], {
        ...creds,
        POLYV_BASE_URL: proxy.url,
      })
      expect(one.code, one.stderr).toBe(0)
      expect(proxy.requests.slice(before).map((q) => q.params.get("pageSize"))).toEqual([null])
    } finally {
      await proxy.close()
    }
  })

  it("reads every session across two 60-day windows and their pages, newest first, as the world has them", async () => {
    const proxy = await startProxy(mock.url)
    try {
      const channel = world().channels[2]!
      const from = day(100)
      const r = await run(
        ["sessions", "--channel", channel.channelId, "--from", from, "--to", day(0), "--all", "--page-size", "7"],
        { ...creds, POLYV_BASE_URL: proxy.url },
      )
      expect(r.code, r.stderr).toBe(0)
      const expected = world().sessions(channel).filter((s) => s.startTime >= dayStart(from)).map(sessionRow)
      const got = (JSON.parse(r.stdout) as Array<Row>).map((row) => pick(row, Object.keys(expected[0]!)))
      expect(got).toEqual(expected)
      const windows = new Set(proxy.requests.map((q) => `${q.params.get("startDate")}..${q.params.get("endDate")}`))
      expect(windows.size).toBe(2)
      expect(Math.max(...proxy.requests.map((q) => Number(q.params.get("page"))))).toBeGreaterThan(1)
      expect(r.stderr).toContain(`${expected.length} sessions from ${from} 00:00:00`)
    } finally {
      await proxy.close()
    }
  })

  it("ndjson: the first line is printed before the next page is even answered", async () => {
    const firstLine = deferred()
    // Every request after the first page waits until the child has printed a line.
    const proxy = await startProxy(mock.url, (q) => (q.params.get("page") === "1" ? undefined : firstLine.promise))
    try {
      const channel = world().channels[1]!
      const args = ["sessions", "--channel", channel.channelId, "--all", "--page-size", "2", "--format", "ndjson"]
      const child = start(args, { ...creds, POLYV_BASE_URL: proxy.url })
      let out = ""
      let pagesBeforeFirstLine: Array<string> | undefined
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8")
        if (pagesBeforeFirstLine === undefined && out.includes("\n")) {
          pagesBeforeFirstLine = proxy.requests.map((q) => q.params.get("page")!)
          firstLine.resolve()
        }
      })
      const r = await finish(child, args)
      expect(r.code, r.stderr).toBe(0)
      expect(pagesBeforeFirstLine).toBeDefined()
      // Page 2 may have been asked for, but none past it, and the answers were all held back.
      expect(pagesBeforeFirstLine!.filter((p) => Number(p) > 2)).toEqual([])
      const pages = proxy.requests.map((q) => Number(q.params.get("page")))
      expect(Math.max(...pages)).toBeGreaterThan(2)
      const lines = out.trimEnd().split("\n").map((l) => JSON.parse(l) as Row)
      const within = world().sessions(channel).filter((s) => s.startTime >= now() - 60 * ChinaTime.dayMillis)
      expect(lines.map((l) => l.sessionId)).toEqual(within.map((s) => s.sessionId))
    } finally {
      firstLine.resolve()
      await proxy.close()
    }
  })
})

describe.concurrent("a reader that stops early", () => {
  it("ends the output quietly: exit 0, no EPIPE crash", async () => {
    const closed = deferred()
    // The second page is answered only once the reader has gone, so the next write hits a closed pipe.
    const proxy = await startProxy(mock.url, (q) => (q.params.get("page") === "1" ? undefined : closed.promise))
    try {
      const args = ["sessions", "--channel", world().channels[1]!.channelId, "--all", "--page-size", "1"]
      const child = start([...args, "--format", "ndjson"], { ...creds, POLYV_BASE_URL: proxy.url })
      child.stdout.once("data", () => {
        child.stdout.destroy()
        closed.resolve()
      })
      let stderr = ""
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
      seen.push({ args, code, stdout: "", stderr })
      expect(stderr).not.toContain("EPIPE")
      expect(code).toBe(0)
    } finally {
      closed.resolve()
      await proxy.close()
    }
  })

  it("a closed stderr ends it quietly too (… --verbose 2>&1 | head -1): exit 0", async () => {
    const closed = deferred()
    // The second page is answered only once stderr's reader has gone, so its answer line hits a closed pipe.
    const proxy = await startProxy(mock.url, (q) => (q.params.get("page") === "1" ? undefined : closed.promise))
    try {
      const args = ["sessions", "--channel", world().channels[1]!.channelId, "--all", "--page-size", "1", "--verbose"]
      const child = start([...args, "--format", "ndjson"], { ...creds, POLYV_BASE_URL: proxy.url })
      child.stdout.resume()
      child.stderr.once("data", () => {
        child.stderr.destroy()
        closed.resolve()
      })
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
      seen.push({ args, code, stdout: "", stderr: "" })
      expect(code).toBe(0)
    } finally {
      closed.resolve()
      await proxy.close()
    }
  })
})

describe.concurrent("shared flags", () => {
  it("are accepted before and after the command name, from flags or the environment", async () => {
    const channel = world().channels[0]!.channelId
    const flags = ["--base-url", mock.url, "--app-id", APP_ID, "--app-secret", SECRET, "--format", "csv"]
    const [before, after, mixed] = await Promise.all([
      run([...flags, "sessions", "--channel", channel]),
      run(["sessions", "--channel", channel, ...flags]),
      run(["--format", "csv", "sessions", "--channel", channel], creds),
    ])
    for (const r of [before, after, mixed]) expect(r.code, r.stderr).toBe(0)
    expect(after.stdout).toBe(before.stdout)
    expect(mixed.stdout).toBe(before.stdout)
    expect(before.stdout.startsWith("sessionId,channelId")).toBe(true)
  })

  it("are not the mock's: an API flag given to mock is an unknown flag (exit 2)", async () => {
    const r = await run(["--format", "json", "mock"])
    expect([r.code, r.stdout]).toEqual([2, ""])
    expect(r.stderr).toMatch(/unknown flag --format for polyv-stats mock/)
  })

  it("--verbose: a line per request and answer on stderr, the sign masked, data unchanged", async () => {
    const args = ["durations", "--channels", world().channels[0]!.channelId, "--format", "json"]
    const [quiet, verbose] = await Promise.all([run(args, creds), run(["--verbose", ...args], creds)])
    expect(verbose.code).toBe(0)
    expect(verbose.stdout).toBe(quiet.stdout)
    const request = verbose.stderr.split("\n").find((l) => l.startsWith("> GET "))!
    expect(request).toContain(`${mock.url}/live/v3/channel/statistics/get-live-durations?`)
    expect(request).toContain(`appId=${APP_ID}`)
    expect(request).toMatch(/[?&]sign=\*\*\*(&|$)/)
    expect(request).not.toMatch(/sign=[0-9A-F]{32}/)
    expect(verbose.stderr).toMatch(/^< 200 application\/json/m)
    expect(quiet.stderr).not.toContain("> GET")
  })

  it("3: --timeout per request and --retries, then no answer", async () => {
    // A server that accepts connections and never answers.
    const sockets: Array<Socket> = []
    const silent = createTcpServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()))
    try {
      const { port } = silent.address() as { port: number }
      const r = await run(
        ["--verbose", "sessions", "--channel", "123", "--timeout", "150ms", "--retries", "1"],
        { ...creds, POLYV_BASE_URL: `http://127.0.0.1:${port}` },
      )
      expect([r.code, r.stdout]).toEqual([3, ""])
      expect(r.stderr).toMatch(/no answer within 150ms/)
      expect(r.stderr.match(/^> GET /gm)).toHaveLength(2) // the first try and one retry
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it("1: invalid timestamp, with the hint to check the clock", async () => {
    const skewed = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET, now: now() - 3_600_000 })
    try {
      const r = await run(["mic-usage", "--from", day(20), "--to", day(10)], { ...creds, POLYV_BASE_URL: skewed.url })
      expect([r.code, r.stdout]).toEqual([1, ""])
      expect(r.stderr).toContain("invalid timestamp.")
      expect(r.stderr).toContain("system clock")
    } finally {
      await skewed.close()
    }
  })
})

describe.concurrent("mic-usage and the two-day lag", () => {
  it("warns on stderr when the range reaches into the last two days", async () => {
    const r = await run(["mic-usage", "--from", day(10), "--to", day(0)], creds)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^warning: usage from \d{4}-\d{2}-\d{2} on is not aggregated yet/m)
    expect(JSON.parse(r.stdout)).toEqual(micOf(day(10), day(0)))
  })

  it("no warning for a range of aggregated days", async () => {
    const r = await run(["mic-usage", "--from", day(10), "--to", day(3)], creds)
    expect(r.code).toBe(0)
    expect(r.stderr).not.toContain("warning")
  })
})

describe.concurrent("usage errors of the commands (exit 2, one line, nothing on stdout)", () => {
  const usage: ReadonlyArray<[string, () => ReadonlyArray<string>, RegExp]> = [
    ["durations: a bad channel list", () => ["durations", "--channels", "123,abc"], /--channels.*"123,abc".*digits/],
    [
      "concurrency: a date with a time",
      () => ["concurrency", "--users", "a1", "--from", "2026-01-01 10:00:00", "--to", "2026-01-02"],
      /--from.*"2026-01-01 10:00:00".*yyyy-MM-dd/,
    ],
    ["concurrency: a missing --to", () => ["concurrency", "--users", "a1", "--from", "2026-01-01"], /--to/],
    [
      "concurrency: --from after --to",
      () => ["concurrency", "--users", "a1", "--from", "2026-02-01", "--to", "2026-01-01"],
      /--from 2026-02-01 is after --to 2026-01-01/,
    ],
    ["mic-usage: a bad --to", () => ["mic-usage", "--to", "yesterday"], /--to.*"yesterday".*yyyy-MM-dd/],
    ["sessions: --all with --page", () => ["sessions", "--channel", "1", "--all", "--page", "2"], /--all and --page/],
    [
      "sessions: over 60 days without --all",
      () => ["sessions", "--channel", "1", "--from", "2026-01-01", "--to", "2026-05-01"],
      /more than 60 days apart.*--all/,
    ],
    ["a bad --format", () => ["--format", "xml", "durations", "--channels", "1"], /--format.*"xml".*table.*csv/],
    ["a bad --timeout", () => ["durations", "--channels", "1", "--timeout", "soon"], /--timeout.*"soon".*500ms/],
    ["a bad --retries", () => ["durations", "--channels", "1", "--retries", "lots"], /--retries.*"lots".*whole number/],
    ["a bad --base-url", () => ["durations", "--channels", "1", "--base-url", "ftp://x"], /--base-url.*"ftp:\/\/x"/],
  ]
  for (const [name, args, message] of usage) {
    it(name, async () => {
      const r = await run(args(), creds)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe("")
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    })
  }

  it("1: durations names a channel that is not in the account", async () => {
    const r = await run(["durations", "--channels", `${world().channels[0]!.channelId},1`], creds)
    expect([r.code, r.stdout]).toEqual([1, ""])
    expect(r.stderr).toContain("illegal channel id: 1")
  })
})

describe.concurrent("CLI conventions", () => {
  it("COLUMNS=60 tables, --quiet, --output with --time-format iso, --color through a pipe, help <command>, no --log-level", async () => {
    const channel = world().channels[1]!
    const sessions = world().sessions(channel).slice(0, 3)
    const dir = mkdtempSync(join(tmpdir(), "polyv-stats-conventions-"))
    const file = join(dir, "sessions.csv")
    const page = ["sessions", "--channel", channel.channelId, "--page-size", "3"]
    try {
      const [narrow, saved, coloured, help, helpFlag, logLevel] = await Promise.all([
        run([...page, "--format", "table", "-q"], { ...creds, COLUMNS: "60" }),
        run(["--time-format", "iso", ...page, "--format", "csv", "-o", file], creds),
        // baseEnv sets NO_COLOR and stderr is a pipe: --color still colours.
        run(["--color", "sessions", "--channel", "9999999"], creds),
        run(["help", "sessions"]),
        run(["sessions", "--help"]),
        run(["--log-level", "debug", ...page], creds),
      ])
      expect(narrow.code, narrow.stderr).toBe(0)
      expect(narrow.stderr).toBe("")
      const lines = narrow.stdout.trimEnd().split("\n")
      expect(lines).toHaveLength(2 + sessions.length)
      for (const line of lines) expect(Width.of(line)).toBeLessThanOrEqual(60)

      expect(saved.code, saved.stderr).toBe(0)
      expect(saved.stdout).toBe("")
      expect(saved.stderr).toMatch(/^Page 1 of /)
      const [header, ...rows] = parseCsv(readFileSync(file, "utf8"))
      expect(rows.map((row) => row[header!.indexOf("startTime")])).toEqual(
        sessions.map((s) => TimeFormat.iso(s.startTime)),
      )
      expect(readdirSync(dir)).toEqual(["sessions.csv"])

      expect(coloured.code).toBe(1)
      expect(coloured.stderr.startsWith("\u001b[31merror\u001b[39m: Polyv says: ")).toBe(true)
      expect(coloured.stderr).toContain("\u001b[36mhint\u001b[39m: ")

      expect(help.code).toBe(0)
      expect(help.stdout).toContain("polyv-stats sessions")
      expect(help.stdout).toBe(helpFlag.stdout)

      expect(logLevel.code).toBe(2)
      expect(logLevel.stderr).toMatch(/^error: unknown flag --log-level/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.concurrent("completions", () => {
  for (const shell of ["bash", "zsh", "fish"]) {
    it(`--completions ${shell} knows every command and the shared flags`, async () => {
      const r = await run(["--completions", shell])
      expect(r.code).toBe(0)
      for (const word of ["sessions", "durations", "concurrency", "mic-usage", "report", "mock", "demo"]) {
        expect(r.stdout).toContain(word)
      }
      for (const flag of ["format", "app-secret", "base-url", "page-size", "poll-interval"]) {
        expect(r.stdout).toContain(flag)
      }
    })
  }
})

it("the app secret appears in no output of any run (stdout, stderr, --verbose)", () => {
  expectNoSecret(seen, 40)
  expect(seen.some((r) => r.args.includes("--verbose"))).toBe(true)
})
