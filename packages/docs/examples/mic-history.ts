import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  // Only the date part counts (China time), and usage shows up two days later: as of July 1st
  // (the docs' mock world), June 29 and 30 are not in yet.
  const june = yield* polyv.micHistory({
    startTime: new Date("2026-06-01T00:00:00+08:00"),
    endTime: new Date("2026-06-30T00:00:00+08:00"),
  })
  yield* Console.log(`user ${june.userId} used ${june.history} co-host minutes in June`)

  // A v4 endpoint: errors carry Polyv's error.code (and the requestId to quote to Polyv's support).
  yield* polyv.micHistory({ startTime: new Date("2026-06-30"), endTime: new Date("2026-06-01") }).pipe(
    Effect.catchTag("ParamValidateError", (e) => Console.log(`${e._tag}: "${e.message}", error.code ${e.errorCode}`)),
  )
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node mic-history.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// user 8a1469c67b used 866 co-host minutes in June
// ParamValidateError: "param validate error", error.code 20006
