import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const page = yield* polyv.sessionList({
    channelId: "2526143",
    startDate: new Date("2026-06-01T00:00:00+08:00"),
    endDate: new Date("2026-06-30T23:59:59+08:00"),
    pageSize: 5,
  })
  yield* Console.log(`${page.totalItems} sessions in June, page ${page.pageNumber} of ${page.totalPages}:`)
  for (const session of page.contents) {
    const start = new Date(session.startTime).toISOString()
    yield* Console.log(`  ${session.sessionId}  started ${start}  ${session.endTime === null ? "live" : "ended"}`)
  }
}).pipe(
  // A wrong app secret is a bug in the configuration, not something to handle here.
  Effect.catchTag("InvalidSignature", (e) => Effect.die(`check POLYV_APP_SECRET: ${e.message}`)),
)

// The credentials come from POLYV_APP_ID, POLYV_APP_SECRET and POLYV_BASE_URL.
export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node first-call.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// 10 sessions in June, page 1 of 2:
//   f1y9v7c23t  started 2026-06-29T15:54:29.000Z  ended
//   15hc7v5wdh  started 2026-06-27T13:14:28.000Z  ended
//   bjv2h0kbcn  started 2026-06-24T01:49:34.000Z  ended
//   9nc69fy8zv  started 2026-06-21T19:23:18.000Z  ended
//   fr28aysxmn  started 2026-06-17T18:49:48.000Z  ended
