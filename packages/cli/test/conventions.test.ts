/**
 * The CLI conventions, in-process: `--quiet` and colour on the stderr writer (and the decision of
 * colour from the terminal, NO_COLOR and the flag), tables that fit the terminal with wide
 * characters, `--time-format`, `help <command>`, the hidden `--log-level`, and `--output`'s file
 * written whole or not at all. Through the real bin: commands.test.ts ("CLI conventions").
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Option, Stream } from "effect"
import { GlobalFlag } from "effect/cli"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect } from "vitest"
import { ContractDrift, UsageError } from "../src/errors/ExitCode.js"
import * as Argv from "../src/flags/Argv.js"
import * as Completions from "../src/flags/Completions.js"
import * as OutputFlags from "../src/flags/OutputFlags.js"
import * as Color from "../src/output/Color.js"
import * as DataOut from "../src/output/DataOut.js"
import * as Records from "../src/output/Records.js"
import * as Sessions from "../src/output/Sessions.js"
import * as Stderr from "../src/output/Stderr.js"
import * as Table from "../src/output/Table.js"
import * as TimeFormat from "../src/output/TimeFormat.js"
import * as Width from "../src/output/Width.js"

const esc = "\u001b"

/** A stderr writer over a string. */
const capture = (options: Stderr.Options, isTTY = false) => {
  let text = ""
  const writer = Stderr.make({ write: (s: string) => (text += s), isTTY }, options)
  return { writer, text: () => text }
}

describe("stderr: --quiet and colour", () => {
  it("colour: the flag wins, then a non-empty NO_COLOR turns it off, then only a terminal", () => {
    expect(Color.useColor(true, undefined, undefined)).toBe(true)
    expect(Color.useColor(false, undefined, undefined)).toBe(false)
    expect(Color.useColor(true, "1", undefined)).toBe(false)
    expect(Color.useColor(true, "", undefined)).toBe(true) // no-color.org: an empty value does not count
    expect(Color.useColor(true, undefined, false)).toBe(false)
    expect(Color.useColor(false, "1", true)).toBe(true)
  })

  it("reads --quiet / -q and --color / --no-color from the command line, the last one winning, not after --", () => {
    expect(OutputFlags.scan(["sessions", "-q"])).toEqual({ quiet: true })
    expect(OutputFlags.scan(["--quiet=false", "sessions"])).toEqual({ quiet: false })
    expect(OutputFlags.scan(["--color", "sessions", "--no-color"])).toEqual({ quiet: false, color: false })
    expect(OutputFlags.scan(["--no-color", "--color=yes"])).toEqual({ quiet: false, color: true })
    expect(OutputFlags.scan(["sessions", "--", "--quiet", "--color"])).toEqual({ quiet: false })
    const tty = { isTTY: true }
    expect(OutputFlags.stderrOptions(["-q"], tty, {})).toEqual({ quiet: true, color: true })
    expect(OutputFlags.stderrOptions([], tty, { NO_COLOR: "1" })).toEqual({ quiet: false, color: false })
    expect(OutputFlags.stderrOptions(["--color"], {}, { NO_COLOR: "1" })).toEqual({ quiet: false, color: true })
  })

  it("--quiet drops notes and progress, keeps errors, warnings, hints and an internal error's lines", () => {
    const { writer, text } = capture({ quiet: true, color: false }, true)
    writer.progress("50%")
    writer.line("Page 1 of 3.")
    writer.line("> GET http://x/")
    writer.line("warning: not final")
    writer.line("error: bad")
    writer.line("hint: try again")
    writer.line("internal error (please report it):\nat line 1")
    expect(text()).toBe(
      "warning: not final\nerror: bad\nhint: try again\ninternal error (please report it):\n  at line 1\n",
    )
    const loud = capture({ quiet: false, color: false })
    loud.writer.progress("50%")
    loud.writer.line("Page 1 of 3.")
    expect(loud.text()).toBe("50%\nPage 1 of 3.\n")
  })

  it("colour marks only the prefix of errors, warnings and hints; server text stays escaped", () => {
    const { writer, text } = capture({ quiet: false, color: true })
    writer.line(`error: Polyv says: ${esc}[32mgreen${esc}[0m`)
    writer.line("warning: pending")
    writer.line("hint: wait")
    writer.line("Page 1.")
    const lines = text().split("\n")
    expect(lines[0]).toBe(`${Color.paint.error("error")}: Polyv says: \\x1b[32mgreen\\x1b[0m`)
    expect(lines[1]).toBe(`${Color.paint.warning("warning")}: pending`)
    expect(lines[2]).toBe(`${Color.paint.hint("hint")}: wait`)
    expect(lines[3]).toBe("Page 1.")
    const plain = capture({ quiet: false, color: false })
    plain.writer.line("error: bad")
    expect(plain.text()).not.toContain(esc)
  })
})

describe("tables fit the terminal", () => {
  const title = "保利威直播统计：二〇二五年度全员大会（上午场）"
  const rows = [
    { id: "fv3ldt4dhn", title, views: 12345 },
    { id: "a1", title: "short", views: 7 },
  ]
  const columns: ReadonlyArray<Table.Column<(typeof rows)[number]>> = [
    { header: "SESSION ID", cell: (r) => r.id },
    { header: "TITLE", cell: (r) => r.title },
    { header: "VIEWS", cell: (r) => String(r.views), align: "right" },
  ]

  it("counts East Asian wide characters as two columns, and cuts with an ellipsis", () => {
    expect(Width.of("abc")).toBe(3)
    expect(Width.of("保利威")).toBe(6)
    expect(Width.of("（：）")).toBe(6)
    expect(Width.fit("保利威直播", 7)).toBe(`保利威${Width.ellipsis}`)
    expect(Width.of(Width.fit("保利威直播", 7))).toBeLessThanOrEqual(7)
    expect(Width.fit("保利威", 6)).toBe("保利威")
    expect(Width.pad("保", 4, "right")).toBe("  保")
  })

  it("at COLUMNS=60 every line is at most 60 columns, the widest column cut; IDs and numbers stay whole", () => {
    const wide = Table.render(columns, rows).split("\n")
    expect(Math.max(...wide.map(Width.of))).toBeGreaterThan(60)
    const lines = Table.render(columns, rows, 60).split("\n")
    for (const line of lines) expect(Width.of(line)).toBeLessThanOrEqual(60)
    expect(lines[2]).toContain("fv3ldt4dhn")
    expect(lines[2]).toContain(Width.ellipsis)
    expect(lines[2]).toMatch(/12345$/)
    expect(lines[3]).toMatch(/^a1\s+short\s+7$/)
    // Wide enough: exactly as without a limit.
    expect(Table.render(columns, rows, 200)).toBe(Table.render(columns, rows))
    // Too narrow for even the narrowest columns: each stops at its minimum.
    expect(Table.fitWidths([10, 50, 5], 5)).toEqual([Table.minColumnWidth, Table.minColumnWidth, 4])
    expect(Table.fitWidths([2, 50], 20)).toEqual([2, 16])
  })

  it("the width: COLUMNS if a positive number, else stdout's when a terminal, else none", () => {
    expect(Width.terminal({ COLUMNS: "60" }, { isTTY: true, columns: 120 })).toBe(60)
    expect(Width.terminal({ COLUMNS: "abc" }, { isTTY: true, columns: 120 })).toBe(120)
    expect(Width.terminal({ COLUMNS: "0" }, { isTTY: false, columns: 120 })).toBeUndefined()
    expect(Width.terminal({}, { isTTY: false })).toBeUndefined()
  })
})

describe("--time-format, help, --log-level", () => {
  it("iso is ISO 8601 in China time (+08:00), read back to the same instant", () => {
    const ms = Date.UTC(2025, 0, 1, 16, 30, 5)
    expect(TimeFormat.iso(ms)).toBe("2025-01-02T00:30:05+08:00")
    expect(Date.parse(TimeFormat.iso(ms))).toBe(ms)
    expect(Date.parse(TimeFormat.iso(ms + 7))).toBe(ms + 7)
    expect(TimeFormat.write(null, "iso")).toBeNull()
    expect(TimeFormat.write(ms, "ms")).toBe(ms)
  })

  const session = { sessionId: "s1", channelId: "1", userId: "u", startTime: 1735749005000, endTime: null }
  /** What printStream writes in `format` with `timeFormat`. */
  const printed = (format: "json" | "ndjson" | "csv", timeFormat: TimeFormat.TimeFormat) =>
    Effect.gen(function*() {
      let text = ""
      yield* Records.printStream(Sessions.shape, Stream.make(session as never), format, {
        utc: true,
        now: 0,
        timeFormat,
      })
        .pipe(Effect.provideService(DataOut.DataOut, { write: (d) => Effect.sync(() => void (text += d)) }))
      return text
    })

  it.effect("json, ndjson and csv write the time columns as --time-format says; ms stays the default", () =>
    Effect.gen(function*() {
      const iso = TimeFormat.iso(session.startTime)
      expect(JSON.parse(yield* printed("json", "iso"))[0]).toMatchObject({ startTime: iso, endTime: null })
      expect(JSON.parse(yield* printed("ndjson", "iso"))).toMatchObject({ startTime: iso, sessionId: "s1" })
      expect((yield* printed("csv", "iso")).split("\r\n")[1]).toBe(`s1,1,u,${iso},,`)
      expect(JSON.parse(yield* printed("ndjson", "ms")).startTime).toBe(session.startTime)
      expect((yield* printed("csv", "ms")).split("\r\n")[1]).toBe(`s1,1,u,${session.startTime},,`)
    }))

  it("help <command> is <command> --help; other command lines are as given", () => {
    expect(Argv.helpAsFlag(["help", "sessions"])).toEqual(["sessions", "--help"])
    expect(Argv.helpAsFlag(["help"])).toEqual(["--help"])
    expect(Argv.helpAsFlag(["sessions", "help"])).toEqual(["sessions", "help"])
  })

  it("--log-level is not a built-in; --wizard, --help and the completions are", () => {
    const builtIns = Completions.builtIns(["sessions"])
    expect(builtIns).not.toContain(GlobalFlag.LogLevel)
    expect(builtIns).toContain(GlobalFlag.Wizard)
    expect(builtIns).toContain(GlobalFlag.Help)
    expect(builtIns).toHaveLength(4)
  })
})

describe("--output: whole or not at all", () => {
  const dir = mkdtempSync(join(tmpdir(), "polyv-stats-output-test-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const write = (text: string) => Effect.flatMap(DataOut.DataOut, (out) => out.write(text))
  const leftovers = () => readdirSync(dir).filter((name) => name.endsWith(".partial"))

  it.effect("the data of a run that succeeds, all of it, in the file; nothing on stdout", () =>
    Effect.gen(function*() {
      const file = join(dir, "ok.ndjson")
      writeFileSync(file, "old\n")
      yield* DataOut.to(Option.some(file))(Effect.andThen(write("a\n"), write("b\n")))
      expect(readFileSync(file, "utf8")).toBe("a\nb\n")
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("a run that fails or is interrupted leaves the file as it was and no partial file", () =>
    Effect.gen(function*() {
      const file = join(dir, "kept.json")
      writeFileSync(file, "old\n")
      const failed = yield* Effect.exit(
        DataOut.toFile(file)(Effect.andThen(write("half"), Effect.fail(new UsageError({ message: "x" })))),
      )
      expect(Exit.isFailure(failed)).toBe(true)
      const started = yield* Deferred.make<void>()
      const fiber = yield* Effect.forkChild(
        DataOut.toFile(file)(
          Effect.andThen(write("half"), Effect.andThen(Deferred.succeed(started, undefined), Effect.never)),
        ),
      )
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      expect(readFileSync(file, "utf8")).toBe("old\n")
      expect(leftovers()).toEqual([])
      // A file that cannot be written is refused before the program runs.
      let ran = false
      const refused = yield* Effect.flip(
        DataOut.toFile(join(dir, "missing", "x.json"))(Effect.sync(() => (ran = true))),
      )
      expect(refused.message).toMatch(/^--output ".*missing\/x\.json": .*does not exist/)
      expect(ran).toBe(false)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.live("each page reaches the file as it comes, not held until the end; a file that cannot be finished is the error", () =>
    Effect.gen(function*() {
      const sub = join(dir, "streamed")
      mkdirSync(sub)
      const file = join(sub, "all.ndjson")
      const partial = () => readdirSync(sub).find((name) => name.endsWith(".partial"))
      const firstPageOut = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const run = yield* Effect.forkChild(
        DataOut.toFile(file)(
          Effect.gen(function*() {
            yield* write("page 1\n")
            yield* Deferred.succeed(firstPageOut, undefined)
            yield* Deferred.await(release)
            yield* write("page 2\n")
          }),
        ),
      )
      yield* Deferred.await(firstPageOut)
      // The program is still running: its first page is already on disk, beside the target.
      while (partial() === undefined || readFileSync(join(sub, partial()!), "utf8") !== "page 1\n") {
        yield* Effect.yieldNow
      }
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(run)
      expect(readFileSync(file, "utf8")).toBe("page 1\npage 2\n")
      // The folder vanishes mid-run: the data cannot become the file, and the run says so.
      const gone = join(dir, "gone")
      mkdirSync(gone)
      const error = yield* Effect.flip(
        DataOut.toFile(join(gone, "x.ndjson"))(
          Effect.andThen(write("page\n"), Effect.sync(() => rmSync(gone, { recursive: true }))),
        ),
      )
      expect(error.message).toMatch(/^--output ".*gone\/x\.ndjson": /)
    }).pipe(Effect.provide(NodeServices.layer)))

  it.effect("a verdict after the data is whole (verify's drift) still saves it, then fails", () =>
    Effect.gen(function*() {
      const file = join(dir, "verify.json")
      const error = yield* Effect.flip(
        DataOut.toFile(file)(Effect.andThen(write("report\n"), Effect.fail(new ContractDrift({ message: "d" })))),
      )
      expect(error._tag).toBe("ContractDrift")
      expect(readFileSync(file, "utf8")).toBe("report\n")
    }).pipe(Effect.provide(NodeServices.layer)))
})
