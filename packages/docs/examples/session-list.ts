import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const page = yield* polyv.sessionList({
    channelId: "2525658",
    startDate: new Date("2026-06-15T00:00:00+08:00"),
    endDate: new Date("2026-06-30T23:59:59+08:00"),
    page: 1,
    pageSize: 3,
  })
  yield* Console.log(`page ${page.pageNumber} of ${page.totalPages}, ${page.totalItems} sessions in all`)
  yield* Console.log(`lastPage: ${page.lastPage}, nextPageNumber: ${page.nextPageNumber}`)
  for (const session of page.contents) {
    const hours = session.endTime === null
      ? "still live"
      : `${((session.endTime - session.startTime) / 3_600_000).toFixed(1)} h`
    yield* Console.log(`${session.sessionId} by user ${session.userId}: ${hours}`)
  }
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node session-list.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// page 1 of 2, 5 sessions in all
// lastPage: false, nextPageNumber: 2
// 3ot2bpq45y by user 8a1469c67b: still live
// 4wm1wj6750 by user 8a1469c67b: 2.9 h
// 48yn8ru317 by user 8a1469c67b: 2.2 h
