/**
 * A cassette turned into a world file, as far as its answers fix one: the sessions of every
 * successful session list recorded (`sessionList`), each with its channel and owner. Durations
 * follow from the sessions' start and end, as they do in any world. Nothing else is taken: peak
 * viewers and co-host minutes stay at the world's defaults (0), and a channel no recorded session
 * list names is not in it. The world's `now` is the latest instant recorded (when the cassette was
 * recorded, or a session's start or end if later), so a session live when recorded is live still.
 *
 * The world is checked as any world file is: recorded answers that cannot make one (two sessions
 * of a channel overlapping) are refused with a `WorldFileError` naming each problem.
 *
 * @example
 * ```ts
 * import { Cassette, worldFromCassette } from "@polyv-stats/mock-server"
 *
 * const world = worldFromCassette({ format: Cassette.format, version: Cassette.version, exchanges: [] })
 * world.channels // []: no session list was recorded
 * ```
 * @module
 */
import { Contract, Envelope } from "@polyv-stats/core"
import { Schema } from "effect"
import { type ChannelRecord, type SessionRecord, type WorldFile, worldFileOrThrow } from "../world/WorldFile.js"
import type { Cassette } from "./Cassette.js"

const sessionPage = Schema.decodeUnknownOption(
  Schema.fromJsonString(Schema.Struct({ ...Envelope.V3.fields, data: Contract.byName.sessionList.data })),
)

/** The world file a cassette's recorded session lists describe (checked; a `WorldFileError` otherwise). */
export const worldFromCassette = (cassette: Cassette, source = "the cassette's world"): WorldFile => {
  const channels = new Map<string, { userId: string; sessions: Map<string, SessionRecord> }>()
  const users: Array<string> = []
  let now = 0
  for (const exchange of cassette.exchanges) {
    now = Math.max(now, Date.parse(exchange.recordedAt) || 0)
    if (exchange.endpoint !== "sessionList" || exchange.status >= 300) continue
    const page = sessionPage(exchange.body)
    if (page._tag === "None" || page.value.code !== 200) continue
    for (const { sessionId, channelId, userId, startTime, endTime } of page.value.data.contents) {
      if (!users.includes(userId)) users.push(userId)
      let channel = channels.get(channelId)
      if (channel === undefined) channels.set(channelId, channel = { userId, sessions: new Map() })
      channel.sessions.set(sessionId, { sessionId, startTime, endTime })
      now = Math.max(now, startTime, endTime ?? startTime)
    }
  }
  const written: Array<ChannelRecord> = [...channels].map(([channelId, { userId, sessions }]) => ({
    channelId,
    userId,
    sessions: [...sessions.values()],
  }))
  return worldFileOrThrow({ ...(now > 0 ? { now } : {}), users, channels: written }, source)
}
