import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"
import { pathToFileURL } from "node:url"

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

// Run as a script (`node yunduo-summary.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// cdn: 4858 viewers at 2026-06-16T13:04:20.000Z
// unknown users: []
