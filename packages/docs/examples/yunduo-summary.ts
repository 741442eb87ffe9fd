import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const peaks = yield* polyv.yunduoSummary({
    users: ["8a1469c67b", "fba1392df9"],
    start: "2026-06-01", // China dates, both included
    end: "2026-06-30",
  })
  for (const peak of peaks) {
    yield* Console.log(`${peak.pullType}: ${peak.peakCCV} viewers at ${new Date(peak.statAt).toISOString()}`)
  }
  // Users the account does not have add nothing.
  const none = yield* polyv.yunduoSummary({ users: ["0000000000"], start: "2026-06-01", end: "2026-06-30" })
  yield* Console.log(`unknown users: ${JSON.stringify(none)}`)
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Output:
// cdn: 4858 viewers at 2026-06-16T13:04:20.000Z
// unknown users: []
