/**
 * `polyv-stats concurrency` — peak concurrent viewers (CCV) across users in a date range (Polyv
 * page 001, the "yunduo" summary): one entry per pull type.
 *
 * @module
 */
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Clock, Effect, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import * as Polyv from "../client/Polyv.js"
import { UsageError } from "../errors/ExitCode.js"
import * as Refusals from "../errors/Refusals.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import * as IdFlags from "../flags/IdFlags.js"
import { checkParams } from "../flags/ParamCheck.js"
import * as Values from "../flags/values.js"
import * as Records from "../output/Records.js"
import * as Stderr from "../output/Stderr.js"
import * as Table from "../output/Table.js"

export const flags = {
  users: IdFlags.users("Polyv user IDs, comma-separated"),
  from: Flag.String("from").pipe(
    Flag.withMetavar("yyyy-MM-dd"),
    Flag.withDescription("First day, China time (UTC+8)"),
    Flag.filterMap(Values.day, () => Values.expected.day),
  ),
  to: Flag.String("to").pipe(
    Flag.withMetavar("yyyy-MM-dd"),
    Flag.withDescription("Last day, included"),
    Flag.filterMap(Values.day, () => Values.expected.day),
  ),
}

export type ConcurrencyFlags = Command.Command.Config.Infer<typeof flags>

export const shape: Records.Shape<Contract.Peak> = {
  columns: [
    Records.textField("pullType", "PULL TYPE"),
    Records.numberField("peakCCV", "PEAK VIEWERS"),
    Records.timeField("statAt", "AT"),
  ],
}

const hints: Refusals.RefusalHints = {
  ParamValidateError: () =>
    `check ${Refusals.flagName(flags.users)} (user IDs of this account) and the days ${
      Refusals.flagList([flags.from, flags.to])
    } (yyyy-MM-dd, ${Refusals.flagName(flags.from)} first)`,
}

export const run = (input: ConcurrencyFlags) =>
  Polyv.withClient((settings) =>
    Effect.gen(function*() {
      if (input.from.millis > input.to.millis) {
        return yield* new UsageError({ message: `--from ${input.from.text} is after --to ${input.to.text}` })
      }
      const params = { users: input.users, start: input.from.text, end: input.to.text }
      yield* checkParams(Contract.yunduoSummary, params, {
        start: { flag: flags.from, text: input.from.text },
        end: { flag: flags.to, text: input.to.text },
      })
      const polyv = yield* PolyvClient
      const peaks = yield* polyv.yunduoSummary(params)
      const now = yield* Clock.currentTimeMillis
      yield* Records.printStream(shape, Stream.fromIterable(peaks), settings.format, GlobalFlags.viewOf(settings, now))
      const range = `${input.from.text} to ${input.to.text} (China time)`
      yield* Stderr.line(
        peaks.length === 0
          ? `No viewers recorded for ${input.users.join(", ")} from ${range}.`
          : `Peak concurrent viewers of ${input.users.join(", ")} from ${range}.${
            settings.format === "table" ? ` Times in ${Table.zone(now, settings.utc)}.` : ""
          }`,
      )
    })
  ).pipe(Refusals.withHints(hints))

export const command = Command.make("concurrency", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("Peak concurrent viewers across users in a date range"),
  Command.withDescription(
    [
      "Shows the highest number of concurrent viewers (CCV) across the given users' channels in a",
      "  range of days (China time, both included), with when it happened, per pull type (e.g. cdn).",
      "  Users the account does not have add nothing; none known prints no rows.",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      {
        command: `${self} --users 1b448be323 --from 2026-01-01 --to 2026-01-31`,
        description: "One user's January peak",
      },
      {
        command: `${self} --users 1b448be323,2c559cf434 --from 2026-01-01 --to 2026-03-31 --format json`,
        description: "Two users over a quarter, as JSON",
      },
    ]
  }),
)
