import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { Console, Effect } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const durations = yield* polyv.liveDurations({ channelIds: ["2525658", "2526143", "2526962"] })
  for (const { channelId, duration } of durations) {
    yield* Console.log(`${channelId}: ${Math.floor(duration / 3600)} h ${Math.floor(duration / 60) % 60} min`)
  }
  // One unknown channel fails the whole call, naming it.
  yield* polyv.liveDurations({ channelIds: ["2525658", "1234567"] }).pipe(
    Effect.catchTag("IllegalChannelId", (e) => Console.log(`${e._tag}: ${e.channelId} (code ${e.code})`)),
  )
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node live-durations.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// 2525658: 82 h 0 min
// 2526143: 73 h 23 min
// 2526962: 80 h 36 min
// IllegalChannelId: 1234567 (code 400)
