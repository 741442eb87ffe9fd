import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer } from "@polyv-stats/mock-server"
import { Console, Effect, Redacted } from "effect"
import { pathToFileURL } from "node:url"

// The code under test: the total live hours of some channels.
const totalHours = (channelIds: ReadonlyArray<string>) =>
  PolyvClient.use((polyv) => polyv.liveDurations({ channelIds })).pipe(
    Effect.map((durations) => Math.round(durations.reduce((sum, d) => sum + d.duration, 0) / 3600)),
  )

const test = Effect.gen(function*() {
  // The mock itself: its generated world, its fault injector, its journal, its clock.
  const mock = yield* MockLayer.Mock
  const channelIds = mock.world.channels.map((c) => c.channelId)
  yield* Console.log(`channels: ${channelIds.join(", ")}`)
  yield* Console.log(`total: ${yield* totalHours(channelIds)} h`)

  // Faults on demand: from now on every request gets Polyv's own status:"fail" answer.
  mock.faults.configure({ rates: { fail: 1 }, latencyMillis: 0 })
  const failure = yield* Effect.flip(totalHours(channelIds))
  yield* Console.log(`with faults: ${failure._tag}, "${failure.message}"`)

  // The journal: every request with its parameters (the sign, never the secret) and what it got.
  for (const entry of mock.journal.entries()) {
    yield* Console.log(
      `#${entry.seq} ${entry.method} ${entry.path} -> ${entry.outcome.code}${
        entry.outcome.fault ? `, fault ${entry.outcome.fault}` : ""
      }`,
    )
  }
})

export const main = test.pipe(
  Effect.provide(PolyvClient.layer({
    appId: demoCredentials.appId,
    appSecret: Redacted.make(demoCredentials.appSecret),
    retry: false, // see each failure as it is
  })),
  // In-process: no port. The same seed and instant always generate the same account.
  Effect.provide(MockLayer.inProcess({ seed: "docs", now: Date.parse("2026-07-01T00:00:00+08:00") })),
)

// Run as a script (`node testing-in-process.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// channels: 2525658, 2526143, 2526962, 2527562, 2527585
// total: 385 h
// with faults: ServerError, "system error"
// #1 GET /live/v3/channel/statistics/get-live-durations -> 200
// #2 GET /live/v3/channel/statistics/get-live-durations -> 500, fault fail
