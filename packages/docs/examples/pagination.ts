import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { PolyvClient, SessionWindows } from "@polyv-stats/core"
import { Console, Effect, Stream } from "effect"
import { pathToFileURL } from "node:url"

const from = new Date("2026-01-01T00:00:00+08:00")
const to = new Date("2026-06-30T23:59:59+08:00")

const program = Effect.gen(function*() {
  // The session list accepts at most 60 days per call: half a year is four windows, newest first.
  for (const window of SessionWindows.splitWindows(from.getTime(), to.getTime())) {
    yield* Console.log(`window ${new Date(window.from).toISOString()} .. ${new Date(window.to).toISOString()}`)
  }

  const polyv = yield* PolyvClient
  // The stream walks every window, page by page, and keeps one page in memory.
  const all = yield* Stream.runCollect(polyv.sessions("2527585", { from, to, pageSize: 10 }))
  yield* Console.log(`${all.length} sessions, newest ${all[0]!.sessionId}, oldest ${all.at(-1)!.sessionId}`)

  // Take only what you need: the stream stops asking for pages once it has three sessions.
  const firstThree = yield* Stream.runCollect(polyv.sessions("2527585", { from, to }).pipe(Stream.take(3)))
  yield* Console.log(`first three: ${firstThree.map((s) => s.sessionId).join(", ")}`)
})

export const main = program.pipe(Effect.provide(PolyvClient.layerConfigNode()))

// Run as a script (`node pagination.ts`; before Node 22.18, `npx tsx`), Effect's runner logs a
// failure with its cause and sets the exit code. The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) NodeRuntime.runMain(main)

// Output:
// window 2026-05-01T15:59:59.000Z .. 2026-06-30T15:59:59.000Z
// window 2026-03-02T15:59:58.000Z .. 2026-05-01T15:59:58.000Z
// window 2026-01-01T15:59:57.000Z .. 2026-03-02T15:59:57.000Z
// window 2025-12-31T16:00:00.000Z .. 2026-01-01T15:59:56.000Z
// 50 sessions, newest 13d0sxfiu2, oldest vnpz8dfgha
// first three: 13d0sxfiu2, 3yi45nrpk0, eudswj14hr
