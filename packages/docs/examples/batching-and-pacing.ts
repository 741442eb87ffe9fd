import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer } from "@polyv-stats/mock-server"
import { Console, Effect, Redacted } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  const channels = ["2525658", "2526143", "2526962", "1234567", "2527562", "2527585"]
  // Asked one channel at a time, concurrently: the client sends them three per call.
  const results = yield* Effect.forEach(
    channels,
    (channelId) =>
      polyv.liveDuration(channelId).pipe(
        Effect.map((d) => `${channelId}: ${d.duration} s`),
        // Polyv fails a whole call for one unknown channel; only that channel's request fails here.
        Effect.catchTag("IllegalChannelId", (e) => Effect.succeed(`${channelId}: ${e.message}`)),
      ),
    { concurrency: "unbounded" },
  )
  for (const line of results) yield* Console.log(line)

  const mock = yield* MockLayer.Mock
  for (const entry of mock.journal.entries()) {
    yield* Console.log(`call ${entry.seq}: channelIds=${entry.params.channelIds} -> ${entry.outcome.status}`)
  }
})

export const main = program.pipe(
  Effect.provide(PolyvClient.layer({
    appId: demoCredentials.appId,
    appSecret: Redacted.make(demoCredentials.appSecret),
    batchSize: 3, // default 50
    rateLimit: { limit: 100, window: "10 seconds" }, // default 1200 per 10 s; Polyv allows 1500
  })),
  Effect.provide(MockLayer.inProcess({ seed: "docs" })),
)

// Run as a script (`node batching-and-pacing.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// 2525658: 295231 s
// 2526143: 264185 s
// 2526962: 290217 s
// 1234567: illegal channel id: 1234567
// 2527562: 257355 s
// 2527585: 278853 s
// call 1: channelIds=2525658,2526143,2526962 -> 200
// call 2: channelIds=1234567,2527562,2527585 -> 400
// call 3: channelIds=2527562,2527585 -> 200
