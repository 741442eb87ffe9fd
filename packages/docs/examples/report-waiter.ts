import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Duration, Effect, Schedule } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const url = yield* polyv.waitForReport("2526962", "ftqqwe8n4l", {
    // Poll every 250 ms (default: from 2 s, doubling, at most 30 s apart) for at most a minute.
    schedule: Schedule.spaced("250 millis"),
    deadline: "1 minute",
    onProgress: (p) => Console.log(`poll ${p.attempt}: not ready, next in ${Duration.format(p.nextDelay)}`),
  })
  yield* Console.log(`ready: ${new URL(url).pathname}`)
  const bytes = yield* polyv.downloadReport(url)
  yield* Console.log(`downloaded an xlsx: ${bytes[0] === 0x50 && bytes[1] === 0x4b ? "a zip archive" : "?"}`)

  // A session still live has no report yet (and an unknown session never will): the deadline ends the wait.
  yield* polyv.waitForReport("2525658", "3ot2bpq45y", { schedule: Schedule.spaced("250 millis"), deadline: "1 second" })
    .pipe(Effect.catchTag("ReportWaitTimedOut", (e) => Console.log(`${e._tag} for session ${e.sessionId}`)))
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node report-waiter.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// poll 1: not ready, next in 250ms
// poll 2: not ready, next in 250ms
// ready: /__mock/reports/2526962/ftqqwe8n4l.xlsx
// downloaded an xlsx: a zip archive
// ReportWaitTimedOut for session 3ot2bpq45y
