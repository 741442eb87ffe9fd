/**
 * The same client calls to each of the five endpoints, from one world's account: what the record
 * and replay tests send through the recorder, and again to a replaying mock.
 */
import { ChinaTime, PolyvClient } from "@polyv-stats/core"
import { Effect } from "effect"
import type { World } from "../src/world/World.js"

/** The five calls (second channel's sessions and report, both channels' durations, the users' peaks), at `now`. */
export const fiveCalls = (world: World, now: number) => {
  const [first, second] = world.channels
  const session = world.sessions(second!)[3]!
  const calls = PolyvClient.use((polyv) =>
    Effect.all([
      polyv.sessionList({ channelId: second!.channelId, pageSize: 5 }),
      polyv.liveDurations({ channelIds: [first!.channelId, second!.channelId] }),
      polyv.yunduoSummary({
        users: world.users,
        start: ChinaTime.formatDate(now - 30 * 86_400_000),
        end: ChinaTime.formatDate(now),
      }),
      polyv.micHistory({}),
      polyv.exportReport({ channelId: second!.channelId, sessionId: session.sessionId }),
    ])
  )
  return { calls, second: second!, session }
}
