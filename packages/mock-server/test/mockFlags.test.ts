/**
 * The mock command's flags, parsed in-process (each flag alone, in a command that only returns
 * what it parsed): a bad value is refused with a line that names the flag, the value and the
 * expected form, as both `polyv-mock` and `polyv-stats mock` print it.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit, Layer, Option } from "effect"
import { CliError, CliOutput, Command } from "effect/cli"
import { describe, expect, it } from "vitest"
import { ClockRange, maxJournalSize, maxLatencyMillis, MockCommand, PolyvMock } from "../src/index.js"
import { adminPost } from "./support.js"

type Flags = typeof MockCommand.flags

/** What `--name value…` parses to with only that flag, or the message it is refused with. */
const parse = async <K extends keyof Flags>(
  name: K,
  args: ReadonlyArray<string>,
): Promise<{ readonly value?: MockCommand.MockFlags[K]; readonly refused?: string }> => {
  let value: MockCommand.MockFlags[K] | undefined
  const command = Command.make("t", { [name]: MockCommand.flags[name] }, (input) =>
    Effect.sync(() => {
      value = (input as unknown as MockCommand.MockFlags)[name]
    }))
  const exit = await Effect.runPromiseExit(
    Command.runWith(command, { version: "0" })(args).pipe(
      Effect.provide(Layer.merge(NodeServices.layer, CliOutput.layerPresenter({ present: () => Effect.void }))),
    ),
  )
  if (Exit.isSuccess(exit)) return { value: value! }
  const error = exit.cause.reasons.map((r) => (r._tag === "Fail" ? r.error : undefined)).find((e) => e !== undefined)
  if (error instanceof CliError.ShowHelp) return { refused: error.errors.map((e) => e.message).join("; ") }
  throw new Error(`not a parse failure: ${String(error)}`)
}

describe("--now", () => {
  it("refuses an instant outside the clock's range, naming the flag, the value and the range", async () => {
    for (
      const text of ["1969-12-31T23:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2001-09-09T01:46:39Z"]
    ) {
      const { refused } = await parse("now", ["--now", text])
      expect(refused, text).toContain(`--now: "${text}"`)
      expect(refused, text).toContain(ClockRange.text)
    }
  })

  it("takes the edges of the range", async () => {
    const instant = async (text: string) => Option.getOrUndefined((await parse("now", ["--now", text])).value!)
    expect(await instant("2001-09-09T01:46:40Z")).toBe(ClockRange.min)
    expect(await instant("2286-11-20T17:46:39.999Z")).toBe(ClockRange.max)
  })
})

describe("--faults", () => {
  it("refuses a kind given twice, naming it", async () => {
    const { refused } = await parse("faults", ["--faults", "malformed=0.5,malformed=0.6"])
    expect(refused).toContain("malformed is given twice")
  })

  it("takes and refuses a rate by the admin API's rule: -0 is 0, below 0 or above 1 is refused", async () => {
    const mock = new PolyvMock({ seed: "flags" })
    const admin = (rate: number) =>
      mock.fetch("http://mock.test/__mock/faults", adminPost({ rates: { reset: rate } })).then((r) => r.status)
    for (
      const [text, rate] of [["-0", -0], ["0", 0], ["1", 1], ["0.25", 0.25], ["-0.1", -0.1], ["1.5", 1.5]] as const
    ) {
      const flag = await parse("faults", ["--faults", `reset=${text}`])
      const taken = flag.refused === undefined
      expect(taken, `--faults reset=${text}: ${flag.refused}`).toBe(await admin(rate) === 200)
      if (taken) expect(flag.value).toEqual({ reset: rate })
      else expect(flag.refused).toContain("from 0 to 1")
    }
  })
})

describe("whole-number flags", () => {
  const seconds = (max: number) => `a whole number of seconds from 0 to ${max}`
  const flags: ReadonlyArray<readonly [keyof Flags, number, number, string]> = [
    ["port", 0, 65535, "a port number from 0 to 65535"],
    ["channels", 1, 100_000, "a whole number from 1 to 100000"],
    ["sessionsPerChannel", 1, 100_000, "a whole number from 1 to 100000"],
    ["historyDays", 1, 36_500, "a whole number of days from 1 to 36500"],
    ["reportPolls", 0, 1000, "a whole number from 0 to 1000"],
    ["reportSeconds", 0, 86_400, seconds(86_400)],
    ["latencyMs", 0, maxLatencyMillis, `a whole number of milliseconds from 0 to ${maxLatencyMillis}`],
    ["rateLimitBlockSeconds", 0, 86_400, seconds(86_400)],
    ["journalSize", 1, maxJournalSize, `a whole number from 1 to ${maxJournalSize}`],
  ]
  const numberOf = (value: unknown) => (Option.isOption(value) ? Option.getOrUndefined(value) : value)

  it.each(flags)("%s takes %i to %i and refuses anything else, naming the range", async (key, min, max, expected) => {
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    for (const n of [min, max]) expect(numberOf((await parse(key, [flag, String(n)])).value), flag).toBe(n)
    for (const text of [...(min > 0 ? [String(min - 1)] : []), String(max + 1), "1.5", "ten"]) {
      const { refused } = await parse(key, [flag, text])
      expect(refused, `${flag} ${text}`).toContain(`${flag}: "${text}"`)
      expect(refused, `${flag} ${text}`).toContain(expected)
    }
  })
})
