/**
 * The pure functions behind the CLI's edges, in-process: the terminal escaper, the command-line
 * pre-pass (values that start with "-", --wizard), the ID flags' formats and how a failed write
 * ends a run. Their behaviour through the real bin is tested in reliability.test.ts and
 * commands.test.ts.
 */
import { Contract, defaultBaseUrl, Pacing } from "@polyv-stats/core"
import { BrokenOutput, checkWizard, printable } from "@polyv-stats/mock-server"
import { Cause, Effect, Exit, Option, Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { root } from "../src/Cli.js"
import * as Api from "../src/commands/api.js"
import * as Report from "../src/commands/report.js"
import * as Sessions from "../src/commands/sessions.js"
import * as Argv from "../src/flags/Argv.js"
import * as Completions from "../src/flags/Completions.js"
import * as GlobalFlags from "../src/flags/GlobalFlags.js"
import * as Values from "../src/flags/values.js"
import * as Stderr from "../src/output/Stderr.js"
import { terminalControls } from "./helpers.js"

/** Any character, and often one of the dangerous ones. */
const character = fc.oneof(
  fc.integer({ min: 0, max: 0x2100 }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0, max: 0x10ffff }).filter((code) => code < 0xd800 || code > 0xdfff).map((code) =>
    String.fromCodePoint(code)
  ),
  fc.constantFrom("\u001b", "\u0007", "\r\n", "\u009b", "\u202e", "\u2069", "\u2028"),
  fc.constantFrom("\u00ad", "\u061c", "\u180e", "\u200b", "\u200d", "\u200f", "\u2060", "\u2064", "\ufeff"),
  fc.constantFrom("\u{e0001}", "\u{e0041}", "\u{e007f}"),
)

describe("Stderr lines", () => {
  it("keep a message's line breaks, each further line indented so that none reads as a line of ours", () => {
    const written: Array<string> = []
    const stderr = Stderr.make({ write: (text) => written.push(text) })
    stderr.line("error: Missing key\n  at [\"startRow\"]\nerror: forged\u001b[2J\r")
    expect(written.join("")).toBe("error: Missing key\n    at [\"startRow\"]\n  error: forged\\x1b[2J\\r\n")
    expect(written.join("")).not.toMatch(/^error: forged/m)
  })
})

describe("printable", () => {
  it("leaves no character a terminal acts on, and changes text that has no control or format character", () => {
    const escaped = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u
    fc.assert(
      fc.property(fc.string({ unit: character }), (text) => {
        const shown = printable(text)
        return !terminalControls.test(shown) && (escaped.test(text) || shown === text)
      }),
      { numRuns: 1000 },
    )
  })

  it("writes each one as a visible escape", () => {
    expect(printable("a\u001b]0;x\u0007b")).toBe("a\\x1b]0;x\\x07b")
    expect(printable("\u001b[2J\r\n\t\u007f\u009b\u202e\u2066")).toBe("\\x1b[2J\\r\\n\\t\\x7f\\x9b\\u202e\\u2066")
    expect(printable("会话 fv3ldt4dhn é")).toBe("会话 fv3ldt4dhn é")
    // Invisible: they hide or reorder text without showing themselves.
    expect(printable("fv3\u200bldt\u200f4\u061c\ufeff\u00ad\u2060\u180e")).toBe(
      "fv3\\u200bldt\\u200f4\\u061c\\ufeff\\xad\\u2060\\u180e",
    )
    expect(printable("id\u{e0041}\u{e007f}")).toBe("id\\u{e0041}\\u{e007f}")
  })
})

describe("the command-line pre-pass", () => {
  const names = () => Argv.flagNamesOf(Completions.flagTree(root, Api.commands.map((c) => c.name)))
  const join = (...args: Array<string>) => Argv.joinDashValues(args, names)

  it("joins a value that starts with - to the flag that takes it, at any level", () => {
    expect(join("sessions", "--channel", "1", "--timeout", "-5s")).toEqual([
      "sessions",
      "--channel",
      "1",
      "--timeout=-5s",
    ])
    expect(join("--timeout", "-5s", "sessions")).toEqual(["--timeout=-5s", "sessions"])
    expect(join("mock", "--seed", "-x")).toEqual(["mock", "--seed=-x"])
    expect(join("report", "--download", "-report.xlsx")).toEqual(["report", "--download=-report.xlsx"])
    expect(join("--completions", "-x")).toEqual(["--completions=-x"])
  })

  it("leaves flags, boolean flags' neighbours and everything after -- as they are", () => {
    for (
      const args of [
        ["sessions", "--timeout", "--verbose"],
        ["sessions", "--channel", "-h"],
        ["sessions", "--all", "-x"],
        ["sessions", "--", "--timeout", "-5s"],
        ["sessions", "--timeout=-5s", "-x"],
        ["sessions", "--channel", "-"],
      ]
    ) expect(join(...args)).toEqual(args)
  })

  it("reads the flag tree only when a word starting with one - follows a flag", () => {
    let read = 0
    const counted = () => (read++, names())
    Argv.joinDashValues(["sessions", "--channel", "1", "--format", "json", "--verbose"], counted)
    expect(read).toBe(0)
  })

  it("refuses --wizard without a terminal", () => {
    const refused = (args: Array<string>, tty: boolean) =>
      Exit.isFailure(Effect.runSyncExit(checkWizard(args, () => tty)))
    expect(refused(["--wizard"], false)).toBe(true)
    expect(refused(["sessions", "--wizard=true"], false)).toBe(true)
    expect(refused(["--wizard"], true)).toBe(false)
    expect(refused(["sessions", "--", "--wizard"], false)).toBe(false)
  })
})

describe("a failed write", () => {
  const error = (code: string, message: string) => Object.assign(new Error(message), { code })

  it("a closed pipe ends quietly; anything else is exit 74 with a line, unless stderr failed", () => {
    expect(BrokenOutput.outcomeOf("stdout", error("EPIPE", "write EPIPE"))).toEqual({ code: 0, lines: [] })
    expect(BrokenOutput.outcomeOf("stderr", error("EPIPE", "write EPIPE"))).toEqual({ code: 0, lines: [] })
    const full = BrokenOutput.outcomeOf("stdout", error("ENOSPC", "ENOSPC: no space left on device, write"))
    expect(full.code).toBe(74)
    expect(full.lines).toEqual([expect.stringMatching(/^error: could not write to stdout \(ENOSPC: no space left/)])
    expect(BrokenOutput.outcomeOf("stderr", error("EBADF", "EBADF: bad file descriptor, write"))).toEqual({
      code: 74,
      lines: [],
    })
  })
})

describe("ID flags", () => {
  it("--channel is one flag, the same in every command that takes it", () => {
    expect(Sessions.flags.channel).toBe(Report.flags.channel)
  })

  const sends = (endpoint: Contract.AnyEndpoint, params: object) =>
    Result.isSuccess(Contract.encodeParamsResult(endpoint, params))
  const ids = [
    "2272655",
    "1".repeat(21),
    "fv3ldt4dhn",
    "s".repeat(65),
    "1b448be_32-3",
    "",
    "22 7",
    "a.b",
    "x/y",
    "２２７",
  ]

  it("take what the client sends and refuse what it refuses (no length the seed pages do not give)", () => {
    for (const id of ids) {
      const asSession = { channelId: "1", sessionId: id }
      expect(Option.isSome(Values.channelId(id)), id).toBe(
        sends(Contract.exportReport, { ...asSession, channelId: id }),
      )
      expect(Option.isSome(Values.sessionId(id)), id).toBe(sends(Contract.exportReport, asSession))
      expect(Option.isSome(Values.channelIds(id)), id).toBe(sends(Contract.liveDurations, { channelIds: [id] }))
      const users = { users: [id], start: "2026-01-01", end: "2026-01-31" }
      expect(Option.isSome(Values.userIds(id)), id).toBe(sends(Contract.yunduoSummary, users))
    }
    // No length of our own: a 21-digit channel ID and a 65-character session ID go to Polyv, which judges them.
    expect(Values.channelId("1".repeat(21))).toEqual(Option.some("1".repeat(21)))
    expect(Values.sessionId("s".repeat(65))).toEqual(Option.some("s".repeat(65)))
  })
})

describe("--rate-limit", () => {
  const { polyvQuota, defaultRateLimit } = Pacing
  const per = (n: number) => `${n}/${Values.rateWindow}`

  it("reads N per Polyv's window and nothing else", () => {
    expect(Values.rateWindow).toBe("10s")
    expect(Values.rateLimit(per(600))).toEqual(Option.some({ limit: 600, window: polyvQuota.window }))
    expect(Values.rateLimit(` ${per(1)} `)).toEqual(Option.some({ limit: 1, window: polyvQuota.window }))
    for (const bad of ["600", "0/10s", "-1/10s", "600/1s", "600/10", "600/ 10s", "1.5/10s", "x/10s", "1e3/10s", ""]) {
      expect(Values.rateLimit(bad), bad).toEqual(Option.none())
    }
  })

  it("refuses more than Polyv's quota against Polyv's host only; none given is the default", async () => {
    const check = (n: number | undefined, baseUrl: string) =>
      Effect.runPromiseExit(
        GlobalFlags.checkRateLimit(
          n === undefined ? Option.none() : Option.some({ limit: n, window: polyvQuota.window }),
          baseUrl,
        ),
      )
    const polyv = defaultBaseUrl
    expect(await check(undefined, polyv)).toEqual(Exit.succeed(defaultRateLimit))
    expect(await check(polyvQuota.limit, polyv)).toEqual(
      Exit.succeed({ limit: polyvQuota.limit, window: polyvQuota.window }),
    )
    for (const url of [polyv, "http://API.polyv.net:80/", `${polyv}/v3`]) {
      const over = await check(polyvQuota.limit + 1, url)
      expect(Exit.isFailure(over), url).toBe(true)
      expect(String(Exit.isFailure(over) && Cause.squash(over.cause))).toContain(
        `--rate-limit ${per(polyvQuota.limit + 1)} is over Polyv's quota of ${polyvQuota.limit} requests per 10s`,
      )
    }
    expect(await check(100_000, "http://127.0.0.1:8787")).toEqual(
      Exit.succeed({ limit: 100_000, window: polyvQuota.window }),
    )
  })
})
