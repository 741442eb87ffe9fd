/**
 * Issue 9 from the outside: a table of malformed CLI inputs (one-line error naming the flag, exit
 * 2, nothing on stdout), a client clock 5 minutes off (Polyv's message plus a clock hint), and ONE
 * scan of everything the project can emit — CLI output in every format and --verbose, the client's
 * debug logs and spans, every error's message/JSON/inspect, the mock's journal and its own output —
 * for the app secret.
 */
import { PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer, type RunningMock, startServer } from "@polyv-stats/mock-server"
import { Cause, Effect, Exit, Layer, Logger, Redacted, References, Stream, Tracer } from "effect"
import { inspect } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { APP_ID, assertBuilt, makeRunner, SECRET, SEED } from "./helpers.js"

const { seen, run, start, finish } = makeRunner()
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
  it("serves the world as of --now to a client signing with the real clock", async () => {
    const child = start(["mock", "--port", "0", "--seed", SEED, "--now", "2025-01-01T00:00:00Z", "--real-clock"], {})
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
    } finally {
      child.kill("SIGINT")
      await finish(child, ["mock --real-clock"])
    }
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
      for (const command of commands) {
        for (const format of ["table", "json", "ndjson", "csv"]) {
          await run([...command, "--format", format, "--verbose"], env)
        }
      }
      await run(["sessions", "--channel", "1", "--verbose"], env)
      await run(["sessions", "--channel", channel, "--app-secret", "wrong-secret", "--verbose"], {
        ...env,
        POLYV_APP_SECRET: "",
      })
      await run(["sessions", "--channel", channel, "--app-id", APP_ID, "--app-secret", SECRET, "--verbose"], {})
      await run(["--help"], env)
      await run(["sessions", "--help"], env)

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
      const spans: Array<Tracer.Span> = []
      const tracer = Tracer.make({
        span(options) {
          const span = Tracer.nativeTracer.span(options)
          spans.push(span)
          return span
        },
      })
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
      await Effect.runPromise(program.pipe(Effect.provide(PolyvClient.layer({ ...credentials, baseUrl: mock.url }))))
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
            Effect.provide(Layer.merge(PolyvClient.layer(credentials), mockLayer)),
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
