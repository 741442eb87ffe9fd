/**
 * Issue 9 from the outside: a table of malformed CLI inputs (one-line error naming the flag, exit
 * 2, nothing on stdout), a client clock 5 minutes off (Polyv's message plus a clock hint), and ONE
 * scan of everything the project can emit — CLI output in every format and --verbose, the client's
 * debug logs and spans, every error's message/JSON/inspect, the mock's journal and its own output —
 * for the app secret.
 */
import { AnswerLimit, Contract, Envelope, PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer, type RunningMock, startServer } from "@polyv-stats/mock-server"
import { Cause, Effect, Exit, Layer, Logger, Redacted, References, Stream } from "effect"
import { closeSync, openSync } from "node:fs"
import { createServer, type Server, type ServerResponse } from "node:http"
import { type AddressInfo, createServer as createTcpServer } from "node:net"
import { inspect } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { recordingTracer } from "../../core/test/recordingTracer.js"
import {
  APP_ID,
  assertBuilt,
  makeRunner,
  parseCsv,
  type Run,
  SECRET,
  SEED,
  terminalControls,
  withoutLineEnds,
} from "./helpers.js"

const { seen, run, runToFd, start, finish } = makeRunner()
let mock: RunningMock
let env: Record<string, string>

beforeAll(async () => {
  assertBuilt()
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET, reportPolls: 0 })
  env = { POLYV_BASE_URL: mock.url, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET }
})
afterAll(() => mock.close())

/** [arguments, the flag or words the one-line error must name] */
const badInputs: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
  [["sessions", "--channel", "abc"], /--channel: "abc"/],
  [["sessions", "--channel", "1", "--from", "2022-13-01"], /--from: "2022-13-01"/],
  [["sessions", "--channel", "1", "--from", "2022-02-30"], /--from: "2022-02-30"/],
  [["sessions", "--channel", "1", "--from", "yesterday"], /--from: "yesterday".*yyyy-MM-dd/],
  [["sessions", "--channel", "1", "--from", "2022-05-02", "--to", "2022-05-01"], /--from 2022-05-02 is after --to/],
  [["sessions", "--channel", "1", "--from", "2022-01-01", "--to", "2022-06-01"], /more than 60 days.*--all/],
  [["sessions", "--channel", "1", "--page", "0"], /--page: "0"/],
  [["sessions", "--channel", "1", "--page-size", "-5"], /--page-size: "-5"/],
  [["sessions", "--channel", "1", "--all", "--page", "2"], /--all and --page/],
  [["sessions"], /Missing required flag: --channel/],
  [["sessions", "--chanel", "1"], /unknown flag --chanel.*--channel/],
  [["sesions", "--channel", "1"], /unknown command "sesions"/],
  [["durations", "--channels", "a,b"], /--channels: "a,b"/],
  [["concurrency", "--users", "u1", "--from", "2022-05-01"], /Missing required flag: --to/],
  [
    ["concurrency", "--users", "u1", "--from", "2022-05-01 12:00:00", "--to", "2022-05-02"],
    /--from: .*a date yyyy-MM-dd/,
  ],
  [["concurrency", "--users", "u 1", "--from", "2022-05-01", "--to", "2022-05-02"], /--users: "u 1"/],
  [["mic-usage", "--from", "2022/05/01"], /--from: "2022\/05\/01"/],
  [["mic-usage", "--from", "2022-05-03", "--to", "2022-05-01"], /--from 2022-05-03 is after --to/],
  [["report", "--channel", "1"], /Missing required flag: --session/],
  [["report", "--channel", "1", "--session", "s", "--wait", "--timeout", "forever"], /--timeout: "forever".*duration/],
  [
    ["report", "--channel", "1", "--session", "s", "--download", "/nonexistent/dir/r.xlsx"],
    /--download .*does not exist/,
  ],
  [["sessions", "--channel", "1", "--format", "xml"], /--format: "xml"/],
  [["sessions", "--channel", "1", "--retries", "many"], /--retries: "many"/],
  [["sessions", "--channel", "1", "--base-url", "notaurl"], /--base-url: "notaurl"/],
  [["mock", "--port", "99999"], /--port: "99999"/],
  [["mock", "--now", "yesterday"], /--now: "yesterday"/],
  // A date that does not exist is refused, not rolled over into March.
  [["mock", "--now", "2026-02-30T00:00:00Z"], /--now: "2026-02-30T00:00:00Z".*ISO instant/],
  // Outside what mic-usage's 13-digit millisecond timestamps can carry: refused before sending.
  [["mic-usage", "--from", "1969-12-31"], /--from: "1969-12-31".*13-digit millisecond timestamp.*2001-09-09/],
  [["mic-usage", "--from", "2026-01-01", "--to", "9999-12-31"], /--to: "9999-12-31".*2286-11-21/],
  // Days no 13-digit millisecond timestamp names: not sent, and not walked window by window.
  [
    ["sessions", "--channel", "1", "--all", "--from", "0000-01-01", "--to", "2026-01-15"],
    /--from: "0000-01-01".*a day from 2001-09-10 to 2286-11-21/,
  ],
  // The first day out, the same for every command: it starts before the first 13-digit instant.
  [["sessions", "--channel", "1", "--from", "2001-09-09", "--to", "2001-09-10"], /--from: "2001-09-09".*2286-11-21/],
  [["concurrency", "--users", "u1", "--from", "0000-01-01", "--to", "0000-01-02"], /--from: "0000-01-01".*2001-09-10/],
  // A value that starts with "-" is the flag's value, checked as such.
  [["sessions", "--channel", "1", "--timeout", "-5s"], /^error: Invalid value for flag --timeout: "-5s"[^;]*duration/],
  [["sessions", "--channel", "-x1"], /^error: Invalid value for flag --channel: "-x1"[^;]*digits/],
]

describe.concurrent("bad CLI input: one line naming the input, exit 2, nothing on stdout", () => {
  for (const [args, names] of badInputs) {
    it(args.join(" "), async () => {
      const r = await run(args, env)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe("")
      const lines = r.stderr.trimEnd().split("\n")
      expect(lines, r.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^error: /)
      expect(lines[0]).toMatch(names)
    })
  }
})

describe("a clock 5 minutes off", () => {
  it("gets Polyv's invalid timestamp., exit 1, and a hint to check the clock", async () => {
    // The mock's clock runs 5 minutes ahead of this machine's, so the CLI's clock is 5 minutes behind.
    const ahead = await startServer({
      port: 0,
      seed: SEED,
      appId: APP_ID,
      appSecret: SECRET,
      now: Date.now() + 5 * 60_000,
    })
    try {
      const r = await run(["mic-usage", "--format", "json"], { ...env, POLYV_BASE_URL: ahead.url })
      expect(r.code).toBe(1)
      expect(r.stdout).toBe("")
      expect(r.stderr).toContain("invalid timestamp.")
      expect(r.stderr).toMatch(/check the system clock/)
    } finally {
      await ahead.close()
    }
  })
})

describe("mock --now with --real-clock", () => {
  it("serves the world as of --now to a client signing with the real clock; defaults follow --now", async () => {
    // China midnight, so that whole-day flags can name the mock's default ranges exactly.
    const child = start(["mock", "--port", "0", "--seed", SEED, "--now", "2024-12-31T16:00:00Z", "--real-clock"], {})
    const url = await new Promise<string>((resolve) => {
      let out = ""
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes("\n")) resolve(out.split("\n")[0]!.trim())
      })
    })
    try {
      const world = await (await fetch(`${url}/__mock/world`)).json() as { channels: Array<{ channelId: string }> }
      const r = await run(
        [
          "sessions",
          "--channel",
          world.channels[1]!.channelId,
          "--from",
          "2024-11-15",
          "--to",
          "2024-12-31",
          "--format",
          "json",
        ],
        { POLYV_BASE_URL: url, POLYV_APP_ID: demoCredentials.appId, POLYV_APP_SECRET: demoCredentials.appSecret },
      )
      expect(r.code, r.stderr).toBe(0)
      const sessions = JSON.parse(r.stdout) as Array<{ startTime: number }>
      expect(sessions.length).toBeGreaterThan(0)
      expect(Math.max(...sessions.map((s) => s.startTime))).toBeLessThan(Date.parse("2025-01-01T00:00:00Z"))

      // Issue 16, point 19: without dates, the mock's defaults are as of --now, not the real clock:
      // the session list's last 60 days and mic history's last 30 days find what explicit dates find.
      const creds = {
        POLYV_BASE_URL: url,
        POLYV_APP_ID: demoCredentials.appId,
        POLYV_APP_SECRET: demoCredentials.appSecret,
      }
      const channel = ["sessions", "--channel", world.channels[1]!.channelId, "--page-size", "500", "--format", "json"]
      const [byDefault, explicit, micByDefault, micExplicit] = await Promise.all([
        run(channel, creds),
        // Over 60 days by the last one's hours (`--to` is inclusive): read in windows.
        run([...channel, "--all", "--from", "2024-11-02", "--to", "2025-01-01"], creds),
        run(["mic-usage", "--format", "json"], creds),
        run(["mic-usage", "--from", "2024-12-02", "--to", "2025-01-01", "--format", "json"], creds),
      ])
      const ids = (out: string) => (JSON.parse(out) as Array<{ sessionId: string }>).map((s) => s.sessionId)
      for (const each of [byDefault, explicit, micByDefault, micExplicit]) expect(each.code, each.stderr).toBe(0)
      expect(ids(byDefault.stdout).length).toBeGreaterThan(0)
      expect(ids(byDefault.stdout)).toEqual(ids(explicit.stdout))
      const minutes = (out: string) => (JSON.parse(out) as { history: number }).history
      expect(minutes(micByDefault.stdout)).toBeGreaterThan(0)
      expect(minutes(micByDefault.stdout)).toBe(minutes(micExplicit.stdout))
    } finally {
      child.kill("SIGINT")
      await finish(child, ["mock --real-clock"])
    }
  })
})

describe.concurrent("the CLI's edges: one line and a documented exit code, never 70 or a stack trace", () => {
  const oneLine = (r: Run, pattern: RegExp) => {
    const lines = r.stderr.trimEnd().split("\n")
    expect(lines, r.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(pattern)
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |polyv-stats\.mjs/)
  }

  it("stdout that cannot be written (/dev/full): exit 74, for help, for data and for a report", async () => {
    const full = openSync("/dev/full", "w")
    try {
      const channel = mock.mock.world.channels[1]!
      const ended = mock.mock.world.sessions(channel).find((s) => s.endTime !== null)!
      const [help, data, report] = await Promise.all([
        runToFd(["--help"], full),
        runToFd(["sessions", "--channel", channel.channelId, "--format", "ndjson"], full, env),
        runToFd(["report", "--channel", channel.channelId, "--session", ended.sessionId, "--download", "-"], full, env),
      ])
      // The report's progress bar comes first on stderr, as on any download.
      const withoutProgress = { ...report, stderr: report.stderr.replace(/^\[[#-]+\].*\n/m, "") }
      for (const r of [help, data, withoutProgress]) {
        expect(r.code, r.stderr).toBe(74)
        oneLine(r, /^error: could not write to stdout \(ENOSPC/)
      }
    } finally {
      closeSync(full)
    }
  })

  it("mock on a taken port: exit 5; on a host not of this machine: exit 2", async () => {
    const taken = createTcpServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    const { port } = taken.address() as AddressInfo
    try {
      const [busy, elsewhere] = await Promise.all([
        run(["mock", "--port", String(port)]),
        // TEST-NET-3 (RFC 5737): never an address of this machine.
        run(["mock", "--host", "203.0.113.7"]),
      ])
      expect(busy.code).toBe(5)
      oneLine(busy, new RegExp(`^error: port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`))
      expect(elsewhere.code).toBe(2)
      oneLine(elsewhere, /^error: --host "203\.0\.113\.7" is not an address of this machine/)
    } finally {
      taken.close()
    }
  })

  it("--wizard without a terminal: exit 2", async () => {
    const args = ["sessions", "--wizard"]
    const child = start(args, env)
    child.stdin.end()
    const r = await finish(child, args)
    expect(r.code).toBe(2)
    oneLine(r, /^error: --wizard .*terminal/)
  })
})

describe("a hostile server: raw text, refusals, an endless answer", () => {
  // What a server could put in IDs and messages: retitle (OSC), clear (CSI), forged lines, C1 CSI,
  // a right-to-left override, and the invisible: a right-to-left mark, a zero-width space.
  const sessionId = "s1\u001b]0;pwned\u0007\u202e\u009b2J\u200f\u200b"
  const userId = "u1\u001b[2J\r\nerror: forged"
  const message = "illegal channel id: 1\u001b]0;x\u0007\r\nerror: forged"
  let server: Server
  let url: string
  // What the endless answer wrote, and where it would give up: the client must hang up well before.
  const endlessSent = { bytes: 0 }
  const endlessStop = 4 * AnswerLimit.maxAnswerBytes
  const endless = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" })
    const chunk = " ".repeat(0x10000)
    const pump = () => {
      while (!res.destroyed && endlessSent.bytes < endlessStop) {
        endlessSent.bytes += chunk.length
        if (!res.write(chunk)) return void res.once("drain", pump)
      }
      res.destroy()
    }
    pump()
  }

  beforeAll(async () => {
    const page = {
      pageSize: 20,
      pageNumber: 1,
      totalItems: 1,
      contents: [{ sessionId, channelId: 1, userId, startTime: 1_700_000_000_000, endTime: null, customId: null }],
      startRow: 1,
      firstPage: true,
      lastPage: true,
      prePageNumber: 1,
      nextPageNumber: 1,
      limit: 1,
      totalPages: 1,
      endRow: 1,
      offset: 0,
    }
    server = createServer((req, res) => {
      const asked = new URL(req.url ?? "/", "http://x")
      // Concurrency: a body that never ends, written as fast as it is read, until the client hangs up.
      if (asked.pathname === Contract.yunduoSummary.path) return endless(res)
      const refused = Envelope.v3Error(400, "param validate error")
      const [status, body] = asked.pathname === Contract.sessionList.path
        ? asked.searchParams.get("channelId") === "2" ? [400, refused] : [200, Envelope.v3Success(page)]
        : asked.pathname === Contract.micHistory.path
        ? [400, Envelope.v4Error(400, "req-1", 20006, "param validate error")]
        : [400, Envelope.v3Error(400, message)]
      // Header values may carry bytes 0x80-0xFF: a C1 CSI in the content type reaches --verbose.
      res.writeHead(status, { "content-type": "application/json;x=\u009b2J" }).end(JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("tables and stderr escape it; json and csv keep it exact", async () => {
    const hostile = { ...env, POLYV_BASE_URL: url }
    const sessions = ["sessions", "--channel", "1", "--verbose"]
    const [table, json, csv, durations, mic] = await Promise.all([
      run([...sessions, "--format", "table"], hostile),
      run([...sessions, "--format", "json"], hostile),
      run([...sessions, "--format", "csv"], hostile),
      run(["durations", "--channels", "1"], hostile),
      run(["mic-usage", "--from", "2026-01-01", "--to", "2026-01-31"], hostile),
    ])
    expect(table.code, table.stderr).toBe(0)
    expect(withoutLineEnds(table.stdout)).not.toMatch(terminalControls)
    expect(table.stdout).toContain("s1\\x1b]0;pwned\\x07\\u202e\\x9b2J\\u200f\\u200b")
    expect(table.stdout).toContain("u1\\x1b[2J\\r\\nerror: forged")
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(3)
    expect(table.stderr).toContain("\\x9b2J")

    expect((JSON.parse(json.stdout) as Array<{ sessionId: string; userId: string }>)[0]).toMatchObject({
      sessionId,
      userId,
    })
    expect(parseCsv(csv.stdout)[1]!.slice(0, 3)).toEqual([sessionId, "1", userId])

    expect(durations.code).toBe(1)
    expect(durations.stderr).toContain("illegal channel id: 1\\x1b]0;x\\x07\\r\n  error: forged")
    // The hint names durations' own flag.
    expect(durations.stderr).toMatch(/^hint: channel 1.*\n.*: check --channels and the app ID$/m)
    for (const r of [table, json, csv, durations, mic]) {
      expect(withoutLineEnds(r.stderr), r.args.join(" ")).not.toMatch(terminalControls)
      expect(r.stderr, r.args.join(" ")).not.toMatch(/^error: forged/m)
    }

    // The hint fits the command: mic-usage's dates, not the session list's 60-day span.
    expect(mic.code).toBe(1)
    expect(mic.stderr).toMatch(/^hint: check --from and --to: mic-usage sends/m)
    expect(mic.stderr).not.toMatch(/60 days|sessions/)
  })

  it("a refusal's hint names the flags given; an endless answer is one error, exit 1", async () => {
    const hostile = { ...env, POLYV_BASE_URL: url }
    const [sessions, sessionsDated, mic, concurrency] = await Promise.all([
      run(["sessions", "--channel", "2"], hostile),
      run(["sessions", "--channel", "2", "--from", "2026-01-01", "--to", "2026-01-31"], hostile),
      run(["mic-usage"], hostile),
      run(["concurrency", "--users", "u1", "--from", "2026-01-01", "--to", "2026-01-02"], hostile),
    ])
    const hint = (r: Run) => r.stderr.split("\n").find((line) => line.startsWith("hint: "))
    for (const r of [sessions, sessionsDated, mic]) expect(r.code, r.stderr).toBe(1)
    // No dates given: nothing about them, nor about the span between them.
    expect(hint(sessions)).toBe("hint: check --channel")
    expect(hint(sessionsDated)).toMatch(/^hint: check --channel, --from and --to \(a page spans at most 60 days/)
    expect(hint(mic)).toBe("hint: Polyv refused a request without dates: give --from and --to")

    // Cut off at the limit: exit 1 with Polyv's hint, never exit 70 ("internal error").
    expect(concurrency.code, concurrency.stderr).toBe(1)
    const lines = concurrency.stderr.trimEnd().split("\n")
    expect(lines).toEqual([
      "error: the answer is not a Polyv response: the answer is larger than 16 MiB: not a Polyv statistics answer",
      expect.stringMatching(/^hint: is --base-url/),
    ])
    expect(endlessSent.bytes).toBeLessThan(endlessStop)
  })
})

describe("the secret appears in nothing the project emits", () => {
  it(
    "CLI in every format and --verbose, client logs and spans, every error, the mock's journal and output",
    async () => {
      const emitted: Array<string> = []
      const world = mock.mock.world
      const channel = world.channels[1]!.channelId
      const session = world.sessions(world.channels[1]!).find((s) => s.endTime !== null)!.sessionId

      // 1. The CLI: every command, every format, verbose, and failures.
      const commands: ReadonlyArray<ReadonlyArray<string>> = [
        ["sessions", "--channel", channel],
        ["sessions", "--channel", channel, "--all", "--from", "2026-01-01"],
        ["durations", "--channels", world.channels.map((c) => c.channelId).join(",")],
        ["concurrency", "--users", world.users.join(","), "--from", "2026-10-01", "--to", "2026-10-31"],
        ["mic-usage"],
        ["report", "--channel", channel, "--session", session, "--wait", "--poll-interval", "10ms"],
      ]
      // The runs are independent: each command's four formats run side by side (`seen` keeps them all).
      for (const command of commands) {
        await Promise.all(
          ["table", "json", "ndjson", "csv"].map((format) => run([...command, "--format", format, "--verbose"], env)),
        )
      }
      await Promise.all([
        run(["sessions", "--channel", "1", "--verbose"], env),
        run(["sessions", "--channel", channel, "--app-secret", "wrong-secret", "--verbose"], {
          ...env,
          POLYV_APP_SECRET: "",
        }),
        run(["sessions", "--channel", channel, "--app-id", APP_ID, "--app-secret", SECRET, "--verbose"], {}),
        run(["--help"], env),
        run(["sessions", "--help"], env),
      ])

      // 2. The standalone mock given the secret on its command line.
      const child = start(["mock", "--port", "0", "--app-id", APP_ID, "--app-secret", SECRET, "--seed", SEED], {})
      const firstLine = await new Promise<string>((resolve) => {
        let out = ""
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString()
          if (out.includes("\n")) resolve(out.split("\n")[0]!)
        })
      })
      await run(["sessions", "--channel", channel, "--verbose"], { ...env, POLYV_BASE_URL: firstLine.trim() })
      const journalOfChild = await (await fetch(`${firstLine.trim()}/__mock/journal?limit=1000`)).text()
      emitted.push(journalOfChild)
      child.kill("SIGINT")
      await finish(child, ["mock (standalone)"])

      // 3. The client library: debug logs, spans, and every error it can raise.
      const lines: Array<string> = []
      const { spans, tracer } = recordingTracer()
      const logger = Logger.make((options) =>
        lines.push(`${String(options.message)} ${inspect(options.fiber.getRef(References.CurrentLogAnnotations))}`)
      )
      const credentials = { appId: APP_ID, appSecret: Redacted.make(SECRET), retry: false as const }
      const failing: ReadonlyArray<Effect.Effect<unknown, unknown, PolyvClient>> = [
        PolyvClient.use((p) => p.sessionList({ channelId: "1" })), // IllegalChannelId
        PolyvClient.use((p) => p.sessionList({ channelId: "x" })), // InvalidParameter
        PolyvClient.use((p) => p.exportReport({ channelId: channel, sessionId: "nosuchsess" })), // ReportNotReady
        PolyvClient.use((p) => p.waitForReport(channel, "nosuchsess", { deadline: "10 millis" })), // ReportWaitTimedOut
        PolyvClient.use((p) => p.downloadReport(`${mock.url}/__mock/reports/1/x.xlsx`)), // UnexpectedResponse
      ]
      const program = Effect.gen(function*() {
        for (const effect of failing) {
          const exit = yield* Effect.exit(effect)
          if (Exit.isFailure(exit)) {
            const error = Cause.squash(exit.cause)
            emitted.push(String(error), JSON.stringify(error), inspect(error, { depth: 10 }), Cause.pretty(exit.cause))
          }
        }
        yield* PolyvClient.use((p) => Stream.runDrain(p.sessions(channel)))
      }).pipe(
        Effect.withTracer(tracer),
        Effect.provide(Logger.layer([logger])),
        Effect.provideService(References.MinimumLogLevel, "Debug"),
      )
      await Effect.runPromise(
        program.pipe(Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: mock.url }))),
      )
      // Each transport/server failure, from an in-process mock that injects it into every request.
      for (const fault of ["reset", "server-error", "fail", "malformed", "rate-limit"] as const) {
        const mockLayer = MockLayer.inProcess({
          seed: SEED,
          appId: APP_ID,
          appSecret: SECRET,
          faults: { rates: { [fault]: 1 } },
        })
        const exit = await Effect.runPromiseExit(
          PolyvClient.use((p) => p.micHistory({})).pipe(
            Effect.provide(PolyvClient.layer(credentials).pipe(Layer.provide(mockLayer))),
          ),
        )
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause)
          emitted.push(String(error), JSON.stringify(error), inspect(error, { depth: 10 }))
        } else throw new Error(`fault ${fault} did not fail the call`)
      }
      emitted.push(...lines, ...spans.map((s) => `${s.name} ${inspect([...s.attributes])}`))
      expect(spans.length).toBeGreaterThan(3)
      expect(lines.length).toBeGreaterThan(3)

      // 4. This mock's journal.
      emitted.push(await (await fetch(`${mock.url}/__mock/journal?limit=1000`)).text())

      for (const r of seen) emitted.push(r.stdout, r.stderr)
      expect(seen.length).toBeGreaterThan(30)
      const everything = emitted.join("\n")
      expect(everything.length).toBeGreaterThan(10_000)
      // A positive control: what was gathered does carry the (non-secret) app ID, from URLs and the journal.
      expect(everything).toContain(APP_ID)
      expect(everything.includes(SECRET), "the app secret was emitted").toBe(false)
      // The demo pair is public; it is the only secret ever printed.
      expect(SECRET).not.toBe(demoCredentials.appSecret)
    },
    120_000,
  )
})
