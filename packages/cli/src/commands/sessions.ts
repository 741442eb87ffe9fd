/**
 * `polyv-stats sessions` — a channel's sessions (Polyv page 004), newest first: one page, or with
 * `--all` every session of the range, streamed across pages and 60-day windows.
 *
 * @module
 */
import { ChinaTime, Contract, PolyvClient } from "@polyv-stats/core"
import { Clock, Effect, Option, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import * as Polyv from "../client/Polyv.js"
import { UsageError } from "../errors/ExitCode.js"
import * as Refusals from "../errors/Refusals.js"
import * as ChannelFlag from "../flags/ChannelFlag.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import { checkParams } from "../flags/ParamCheck.js"
import * as Values from "../flags/values.js"
import * as Records from "../output/Records.js"
import * as Output from "../output/Sessions.js"
import * as Stderr from "../output/Stderr.js"

const { maxSpanDays, defaultPage, defaultPageSize, bulkPageSize } = Contract

export const flags = {
  channel: ChannelFlag.channel,
  from: Flag.String("from").pipe(
    Flag.withMetavar("date"),
    Flag.withDescription("Sessions starting at or after: yyyy-MM-dd or \"yyyy-MM-dd HH:mm:ss\", China time (UTC+8)"),
    Flag.filterMap(Values.date, () => Values.expected.date),
    Flag.optional,
  ),
  to: Flag.String("to").pipe(
    Flag.withMetavar("date"),
    Flag.withDescription("Sessions starting at or before; a bare date includes that whole day (sent as 23:59:59)"),
    Flag.filterMap(Values.date, () => Values.expected.date),
    Flag.optional,
  ),
  all: Flag.Boolean("all").pipe(
    Flag.withDescription(
      `Every session of the range, streamed page by page; any length of range (read in ${maxSpanDays}-day windows)`,
    ),
    Flag.withDefault(false),
  ),
  page: Flag.String("page").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription(`Page number, from 1 (default ${defaultPage}; not with --all)`),
    Flag.filterMap(Values.positiveInt, () => Values.expected.positiveInt),
    Flag.optional,
  ),
  pageSize: Flag.String("page-size").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription(
      `Sessions per page (default ${defaultPageSize}, Polyv's own; with --all ${bulkPageSize}: Polyv's page 004 sets no maximum and its paged endpoints that do allow ${bulkPageSize}, so --all makes ${
        bulkPageSize / defaultPageSize
      }× fewer calls against the rate limit)`,
    ),
    Flag.filterMap(Values.positiveInt, () => Values.expected.positiveInt),
    Flag.optional,
  ),
}

export type SessionsFlags = Command.Command.Config.Infer<typeof flags>

/** The window sent to Polyv, checked locally so that a mistake costs no request. */
const windowOf = (input: SessionsFlags): Effect.Effect<Output.Window, UsageError> => {
  const from = Option.getOrUndefined(input.from)
  const to = Option.getOrUndefined(input.to)
  const window: Output.Window = { from: from?.millis, to: to === undefined ? undefined : Values.endOf(to) }
  if (window.from !== undefined && window.to !== undefined) {
    if (window.from > window.to) {
      return Effect.fail(new UsageError({ message: `--from ${from!.text} is after --to ${to!.text}` }))
    }
    if (!input.all && window.to - window.from > maxSpanDays * ChinaTime.dayMillis) {
      return Effect.fail(
        new UsageError({
          message: `--from ${from!.text} and --to ${
            to!.text
          } are more than ${maxSpanDays} days apart; Polyv allows at most ${maxSpanDays} per page: add --all to read the range in ${maxSpanDays}-day windows`,
        }),
      )
    }
  }
  return Effect.succeed(window)
}

/** What to check when Polyv refuses the session list: the flags that were given. */
const hints = (input: SessionsFlags): Refusals.RefusalHints => ({
  ParamValidateError: () => {
    const dates = Option.isSome(input.from) || Option.isSome(input.to)
    const given = [
      flags.channel,
      ...(Option.isSome(input.from) ? [flags.from] : []),
      ...(Option.isSome(input.to) ? [flags.to] : []),
      ...(Option.isSome(input.page) ? [flags.page] : []),
      ...(Option.isSome(input.pageSize) ? [flags.pageSize] : []),
    ]
    return `check ${Refusals.flagList(given)}${
      dates && !input.all
        ? ` (a page spans at most ${maxSpanDays} days; ${Refusals.flagName(flags.all)} reads any range)`
        : ""
    }`
  },
  IllegalChannelId: Refusals.unknownChannel(flags.channel),
})

/** The command's code: check the input, call Polyv, print. */
export const run = (input: SessionsFlags) =>
  Polyv.withClient((settings) =>
    Effect.gen(function*() {
      if (input.all && Option.isSome(input.page)) {
        return yield* new UsageError({ message: "--all and --page cannot be used together: --all reads every page" })
      }
      const span = yield* windowOf(input)
      const from = Option.getOrUndefined(input.from)
      const to = Option.getOrUndefined(input.to)
      // The page's parameters; --all sends the same range, split into windows and pages.
      const params: Contract.ParamsOf<typeof Contract.sessionList> = {
        channelId: input.channel,
        ...(span.from === undefined ? {} : { startDate: new Date(span.from) }),
        ...(span.to === undefined ? {} : { endDate: new Date(span.to) }),
        ...Option.match(input.page, { onNone: () => ({}), onSome: (n) => ({ page: n }) }),
        ...Option.match(input.pageSize, { onNone: () => ({}), onSome: (pageSize) => ({ pageSize }) }),
      }
      yield* checkParams(Contract.sessionList, params, {
        startDate: from && { flag: flags.from, text: from.text },
        endDate: to && { flag: flags.to, text: to.text },
      })
      const now = yield* Clock.currentTimeMillis
      const view = GlobalFlags.viewOf(settings, now)
      const polyv = yield* PolyvClient
      if (input.all) {
        const count = yield* Records.printStream(
          Output.shape,
          polyv.sessions(input.channel, {
            from: params.startDate,
            to: params.endDate,
            pageSize: params.pageSize ?? bulkPageSize,
          }),
          settings.format,
          view,
        )
        return yield* Stderr.line(Output.summaryAll(count, span, settings.format, now, settings.utc))
      }
      const page = yield* polyv.sessionList(params)
      yield* Records.printStream(Output.shape, Stream.fromIterable(page.contents), settings.format, view)
      yield* Stderr.line(Output.summary(page, span, settings.format, now, settings.utc))
    })
  ).pipe(Refusals.withHints(hints(input)))

export const command = Command.make("sessions", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("A channel's live sessions, newest first: one page, or --all of them"),
  Command.withDescription(
    [
      "Lists a channel's live sessions (场次), newest first: session ID, channel, user, start, end",
      "  (\"live\" while it runs) and duration. --from/--to are China time (UTC+8), as Polyv reads them;",
      `  with neither, the last ${maxSpanDays} days. One page spans at most ${maxSpanDays} days; --all reads any range,`,
      "  window by window and page by page, printing sessions as they arrive (try --format ndjson).",
      "  The paging summary goes to stderr.",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      {
        command: `${self} --channel 2272655`,
        description: `The newest ${defaultPageSize} sessions of the last ${maxSpanDays} days`,
      },
      {
        command: `${self} --channel 2272655 --from 2026-01-01 --to 2026-01-31`,
        description: "All of January (China time); --to includes the whole 31st",
      },
      { command: `${self} --channel 2272655 --page 2 --page-size 50`, description: "The next page, 50 per page" },
      {
        command: `${self} --channel 2272655 --from 2025-01-01 --all --format ndjson`,
        description: "Every session since 2025, one JSON object per line as pages arrive",
      },
      {
        command: `${self} --channel 2272655 --all --rate-limit 600/10s --format ndjson`,
        description: `Every session, leaving half of Polyv's quota to other tools (pages of ${bulkPageSize})`,
      },
      {
        command: `${self} --channel 2272655 --all --format csv > sessions.csv`,
        description: `A spreadsheet of the last ${maxSpanDays} days`,
      },
      {
        command: `${self} --channel 2272655 --format json | jq '.[].sessionId'`,
        description: "JSON for scripts (the default when stdout is not a terminal)",
      },
    ]
  }),
)
