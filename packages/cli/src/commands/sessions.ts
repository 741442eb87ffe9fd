/**
 * `polyv-stats sessions` — one page of a channel's sessions (Polyv page 004), newest first.
 *
 * @module
 */
import { ChinaTime, Contract, PolyvClient } from "@polyv-stats/core"

const { maxSpanDays } = Contract
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { RequestTimeout, UsageError } from "../errors/ExitCode.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import * as Values from "../flags/values.js"
import * as Output from "../output/Sessions.js"

/** How long to wait for Polyv before giving up (exit 3). */
export const requestTimeout = "30 seconds"

export const flags = {
  channel: Flag.String("channel").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription("Channel ID (digits), e.g. 2272655"),
    Flag.filterMap(Values.channelId, () => Values.expected.channelId),
  ),
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
  page: Flag.String("page").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription("Page number, from 1 (default 1)"),
    Flag.filterMap(Values.positiveInt, () => Values.expected.positiveInt),
    Flag.optional,
  ),
  pageSize: Flag.String("page-size").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription("Sessions per page (default 20)"),
    Flag.filterMap(Values.positiveInt, () => Values.expected.positiveInt),
    Flag.optional,
  ),
  ...GlobalFlags.api,
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
    if (window.to - window.from > maxSpanDays * ChinaTime.dayMillis) {
      return Effect.fail(
        new UsageError({
          message: `--from ${from!.text} and --to ${
            to!.text
          } are more than ${maxSpanDays} days apart; Polyv allows at most ${maxSpanDays}`,
        }),
      )
    }
  }
  return Effect.succeed(window)
}

/** The command's code: check the input, call Polyv once, print. */
export const run = (input: SessionsFlags) =>
  Effect.gen(function*() {
    const settings = yield* GlobalFlags.resolve(input)
    const span = yield* windowOf(input)
    const params = {
      channelId: input.channel,
      ...(span.from === undefined ? {} : { startDate: new Date(span.from) }),
      ...(span.to === undefined ? {} : { endDate: new Date(span.to) }),
      ...Option.match(input.page, { onNone: () => ({}), onSome: (page) => ({ page }) }),
      ...Option.match(input.pageSize, { onNone: () => ({}), onSome: (pageSize) => ({ pageSize }) }),
    }
    const page = yield* PolyvClient.use((polyv) => polyv.sessionList(params)).pipe(
      Effect.timeoutOrElse({
        duration: requestTimeout,
        orElse: () => Effect.fail(new RequestTimeout({ message: `no answer from Polyv within ${requestTimeout}` })),
      }),
      Effect.provide(PolyvClient.layer(settings.client)),
    )
    yield* Output.print(page, settings.format, span)
  })

export const command = Command.make("sessions", flags, run).pipe(
  Command.withShortDescription("List a channel's live sessions, newest first (one page)"),
  Command.withDescription(
    [
      "Lists one page of a channel's live sessions (场次), newest first: session ID, channel, user,",
      "  start, end (\"live\" while it runs) and duration. Table times are in your local time zone;",
      "  --from/--to are China time (UTC+8), as Polyv reads them. With neither, Polyv returns the",
      `  last ${maxSpanDays} days; the window may span at most ${maxSpanDays} days. The paging summary goes to stderr.`,
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      {
        command: `${self} --channel 2272655`,
        description: `The newest ${Contract.defaultPageSize} sessions of the last ${maxSpanDays} days`,
      },
      {
        command: `${self} --channel 2272655 --from 2026-01-01 --to 2026-01-31`,
        description: "All of January (China time); --to includes the whole 31st",
      },
      { command: `${self} --channel 2272655 --page 2 --page-size 50`, description: "The next page, 50 per page" },
      {
        command: `${self} --channel 2272655 --format json | jq '.[].sessionId'`,
        description: "JSON for scripts (the default when stdout is not a terminal)",
      },
      {
        command: `POLYV_APP_ID=… POLYV_APP_SECRET=… ${self} --channel 2272655`,
        description: "Credentials from the environment",
      },
    ]
  }),
)
