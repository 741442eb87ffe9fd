import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient } from "@polyv-stats/core"
import { demoCredentials, MockLayer } from "@polyv-stats/mock-server"
import { Console, Effect, Redacted, Schedule } from "effect"
import { pathToFileURL } from "node:url"

const program = Effect.gen(function*() {
  const polyv = yield* PolyvClient
  // Twenty calls through a flaky network: every one succeeds in the end.
  const channels = ["2525658", "2526143", "2526962", "2527562", "2527585"]
  for (let round = 0; round < 4; round++) {
    for (const channelId of channels) yield* polyv.liveDurations({ channelIds: [channelId] })
  }
  yield* Console.log("20 calls succeeded")

  // What the mock saw: each failed attempt was sent again.
  const mock = yield* MockLayer.Mock
  const attempts = mock.journal.entries()
  const count = (fault: string | undefined) => attempts.filter((e) => e.outcome.fault === fault).length
  yield* Console.log(`${attempts.length} attempts: ${count(undefined)} answered at once`)
  for (const fault of ["server-error", "fail", "reset", "latency"]) yield* Console.log(`  ${fault}: ${count(fault)}`)
})

export const main = program.pipe(
  Effect.provide(PolyvClient.layer({
    appId: demoCredentials.appId,
    appSecret: Redacted.make(demoCredentials.appSecret),
    // Give up on an attempt after 300 ms (default 30 s); a timeout is retried like a reset.
    timeout: "300 millis",
    // Retry transient failures every 50 ms, at most 5 times (default: exponential from 500 ms, 5 times).
    retry: { schedule: Schedule.spaced("50 millis").pipe(Schedule.upTo({ times: 5 })) },
  })),
  // An in-process mock where a third of the requests fail: gateway errors, Polyv's own
  // status:"fail", dropped connections, and answers that come a second late.
  Effect.provide(MockLayer.inProcess({
    seed: "docs",
    faults: { rates: { "server-error": 0.05, fail: 0.1, reset: 0.1, latency: 0.1 }, latencyMillis: 1000 },
  })),
)

// Run as a script (`node retries-and-timeouts.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// 20 calls succeeded
// 26 attempts: 20 answered at once
//   server-error: 3
//   fail: 2
//   reset: 1
//   latency: 0
