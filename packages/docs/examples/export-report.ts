import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect, Schedule } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  // The first answers for a fresh report are "not ready": Polyv is still generating it.
  yield* polyv.exportReport({ channelId: "2526143", sessionId: "15hc7v5wdh" }).pipe(
    Effect.flatMap((url) => Console.log(`ready at once: ${url}`)),
    Effect.catchTag("ReportNotReady", (e) => Console.log(`${e._tag}: ${e.message}`)),
  )
  // So wait for it (see "The report waiter"), then keep the link: it is valid for 60 days.
  const url = yield* polyv.waitForReport("2526143", "15hc7v5wdh", { schedule: Schedule.spaced("200 millis") })
  yield* Console.log(`report: ${new URL(url).pathname}`)
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node export-report.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// ReportNotReady: Report is not ready yet, please try again later.
// report: /__mock/reports/2526143/15hc7v5wdh.xlsx
