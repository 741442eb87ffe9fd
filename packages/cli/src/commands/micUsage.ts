/**
 * `polyv-stats mic-usage` — the account's co-host (连麦) minutes in a range of days (Polyv page
 * 003). Polyv aggregates a day's usage at 02:00 two days later, so a range that reaches into the
 * last two days is warned about: its total is not final yet.
 *
 * @module
 */
import { ChinaTime, Contract, PolyvClient } from "@polyv-stats/core"
import { Clock, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import * as Polyv from "../client/Polyv.js"
import { UsageError } from "../errors/ExitCode.js"
import * as Refusals from "../errors/Refusals.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import { checkParams } from "../flags/ParamCheck.js"
import * as Values from "../flags/values.js"
import * as Records from "../output/Records.js"
import * as Stderr from "../output/Stderr.js"
import * as Table from "../output/Table.js"

/** When Polyv aggregates a day's usage (China time), as help and the warning print it: "02:00". */
const aggregationTime = `${String(Contract.aggregationHour).padStart(2, "0")}:00`

/** Days before a day's usage is aggregated. */
const lagDays = Contract.aggregationLagDays

export const flags = {
  from: Flag.String("from").pipe(
    Flag.withMetavar("yyyy-MM-dd"),
    Flag.withDescription("First day, China time (UTC+8); only the date counts"),
    Flag.filterMap(Values.day, () => Values.expected.day),
    Flag.optional,
  ),
  to: Flag.String("to").pipe(
    Flag.withMetavar("yyyy-MM-dd"),
    Flag.withDescription("Last day, included (default: today)"),
    Flag.filterMap(Values.day, () => Values.expected.day),
    Flag.optional,
  ),
}

export type MicUsageFlags = Command.Command.Config.Infer<typeof flags>

export const shape: Records.Shape<Contract.MicHistory> = {
  columns: [
    Records.textField("userId", "USER"),
    Records.numberField("history", "MINUTES"),
    { name: "hms", header: "CO-HOST TIME", table: (m) => Table.duration(m.history * 60_000), align: "right" },
  ],
}

/** What to check when Polyv refuses the range: the dates given, or that none were. */
const hints = (input: MicUsageFlags): Refusals.RefusalHints => ({
  ParamValidateError: () => {
    const given = [...(Option.isSome(input.from) ? [flags.from] : []), ...(Option.isSome(input.to) ? [flags.to] : [])]
    return given.length === 0
      ? `Polyv refused a request without dates: give ${Refusals.flagList([flags.from, flags.to])}`
      : `check ${Refusals.flagList(given)}: mic-usage sends ${
        given.length === 1 ? "it" : "each"
      } as the millisecond timestamp of the start of that China day`
  },
})

export const run = (input: MicUsageFlags) =>
  Polyv.withClient((settings) =>
    Effect.gen(function*() {
      const from = Option.getOrUndefined(input.from)
      const to = Option.getOrUndefined(input.to)
      if (from && to && from.millis > to.millis) {
        return yield* new UsageError({ message: `--from ${from.text} is after --to ${to.text}` })
      }
      const params = {
        ...(from ? { startTime: new Date(from.millis) } : {}),
        ...(to ? { endTime: new Date(to.millis) } : {}),
      }
      yield* checkParams(Contract.micHistory, params, {
        startTime: from && { flag: flags.from, text: from.text },
        endTime: to && { flag: flags.to, text: to.text },
      })
      const now = yield* Clock.currentTimeMillis
      const pending = Contract.firstPendingDay(now)
      const lastDay = to?.millis ?? ChinaTime.startOfDay(now)
      if (lastDay >= pending) {
        yield* Stderr.line(
          `warning: usage from ${
            ChinaTime.formatDate(pending)
          } on is not aggregated yet (Polyv adds a day's usage at ${aggregationTime} China time, ${lagDays} days later), so this total may still grow; for a final figure end the range by --to ${
            ChinaTime.formatDate(pending - ChinaTime.dayMillis)
          }`,
        )
      }
      const polyv = yield* PolyvClient
      const usage = yield* polyv.micHistory(params)
      yield* Records.printOne(shape, usage, settings.format, GlobalFlags.viewOf(settings, now))
      yield* Stderr.line(
        `Co-host minutes of ${usage.userId} ${from ? `from ${from.text} ` : ""}${
          to ? `to ${to.text}` : "up to today"
        } (China time)${from ? "" : ", from Polyv's default start"}.`,
      )
    })
  ).pipe(Refusals.withHints(hints(input)))

export const command = Command.make("mic-usage", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("Co-host (连麦) minutes the account used in a range of days"),
  Command.withDescription(
    [
      "Shows the co-host (连麦) minutes your account used in a range of days (China time, both",
      `  included; only the date counts). Polyv aggregates a day's usage at ${aggregationTime}, ${lagDays} days later: a`,
      `  range that reaches into the last ${lagDays} days gets a warning on stderr, as its total may grow.`,
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} --from 2026-01-01 --to 2026-01-31`, description: "January's minutes" },
      {
        command: `${self} --format json`,
        description: `Up to today (with a warning: the last ${lagDays} days are pending)`,
      },
    ]
  }),
)
