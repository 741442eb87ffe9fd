/**
 * `polyv-stats durations` — all-time live seconds per channel (Polyv page 002). Any number of
 * channels: core batches them into calls of at most 50 IDs.
 *
 * @module
 */
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import * as Polyv from "../client/Polyv.js"
import * as Refusals from "../errors/Refusals.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import * as Values from "../flags/values.js"
import * as Records from "../output/Records.js"
import * as Stderr from "../output/Stderr.js"
import * as Table from "../output/Table.js"

export const flags = {
  channels: Flag.String("channels").pipe(
    Flag.withMetavar("id,id,…"),
    Flag.withDescription("Channel IDs, comma-separated; any number (sent in batches)"),
    Flag.filterMap(Values.channelIds, () => Values.expected.channelIds),
  ),
}

export type DurationsFlags = Command.Command.Config.Infer<typeof flags>

export const shape: Records.Shape<Contract.LiveDuration> = {
  columns: [
    Records.textField("channelId", "CHANNEL"),
    Records.numberField("duration", "SECONDS"),
    { name: "hms", header: "LIVE TIME", table: (d) => Table.duration(d.duration * 1000), align: "right" },
  ],
}

const hints: Refusals.RefusalHints = {
  ParamValidateError: () =>
    `check ${Refusals.flagName(flags.channels)}: channel IDs made of digits, separated by commas`,
  IllegalChannelId: Refusals.unknownChannel(flags.channels),
}

export const run = (input: DurationsFlags) =>
  Polyv.withClient((settings) =>
    Effect.gen(function*() {
      const polyv = yield* PolyvClient
      // Every channel is asked at once; core's batcher turns them into few calls. One unknown
      // channel fails the command (exit 1), after the others were checked.
      const durations = yield* Effect.forEach(input.channels, (channelId) => polyv.liveDuration(channelId), {
        concurrency: "unbounded",
      })
      yield* Records.printStream(
        shape,
        Stream.fromIterable(durations),
        settings.format,
        GlobalFlags.viewOf(settings, Date.now()),
      )
      const total = durations.reduce((sum, d) => sum + d.duration, 0)
      yield* Stderr.line(
        `${durations.length} channel${durations.length === 1 ? "" : "s"}, ${
          Table.duration(total * 1000)
        } live in all (ended sessions; a live session counts once it ends).`,
      )
    })
  ).pipe(Refusals.withHints(hints))

export const command = Command.make("durations", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("All-time live time of channels (any number, batched)"),
  Command.withDescription(
    [
      "Shows each channel's all-time live time: the seconds of its ended sessions (a live session",
      "  counts once it ends). Give any number of channel IDs; they are sent to Polyv in batches.",
      "  A channel that is not in the account fails the command (exit 1) and is named.",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} --channels 2272655`, description: "One channel" },
      { command: `${self} --channels 2272655,2477096,2590123 --format csv`, description: "Several, as CSV" },
      {
        command: `${self} --channels "$(paste -sd, channels.txt)" --format ndjson`,
        description: "A list from a file, one JSON object per line",
      },
    ]
  }),
)
