/**
 * The mock command's flags, parsed in-process (each flag alone, in a command that only returns
 * what it parsed): a bad value is refused with a line that names the flag, the value and the
 * expected form, as both `polyv-mock` and `polyv-stats mock` print it.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit, Layer, Option } from "effect"
import { CliError, CliOutput, Command } from "effect/cli"
import { describe, expect, it } from "vitest"
import { ClockRange, MockCommand, PolyvMock } from "../src/index.js"
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
