/**
 * Any world written out as a world file (`--dump-world FILE`, `GET /__mock/world?full=1`): loaded
 * back, it answers every endpoint as the world it came from did. Sessions are written newest
 * first with every field, so the same world always dumps to the same bytes.
 *
 * @module
 */
import type { ReportTiming } from "./Account.js"
import { sessionIdAt } from "./History.js"
import type { World } from "./World.js"
import { latestInstant, type ReportReadiness, type SessionRecord, type WorldFile } from "./WorldFile.js"

/** What the file says beside the world: taken from the mock that holds it. */
export interface DumpSettings {
  readonly appId: string
  /** Written only when given: the caller leaves out any secret that is not public. */
  readonly appSecret?: string | undefined
  /** The mock's clock now: the loaded world's clock starts there. */
  readonly now: number
  /** The mock's report timing (its options'), the file's default for every session. */
  readonly reports: ReportTiming
}

export const readinessOf = (timing: ReportTiming): ReportReadiness =>
  timing.seconds === undefined ? { polls: timing.polls } : { seconds: timing.seconds }

/**
 * The world file of `world`, as {@link DumpSettings} place it. A `RangeError` when the clock was
 * moved back before some of the world's instants: a world file holds nothing after its `now`, so
 * that dump could not be loaded (its message says how far to move the clock).
 */
export const dumpWorld = (world: World, settings: DumpSettings): WorldFile => {
  const file = fileOf(world, settings)
  const latest = latestInstant(file)
  if (latest > settings.now) {
    throw new RangeError(
      `the mock's clock (${new Date(settings.now).toISOString()}) is before the world's latest instant (${
        new Date(latest).toISOString()
      }), and a world file holds nothing after its now: move the clock to that instant or later, then dump`,
    )
  }
  return file
}

const fileOf = (world: World, settings: DumpSettings): WorldFile => ({
  appId: settings.appId,
  ...(settings.appSecret === undefined ? {} : { appSecret: settings.appSecret }),
  now: settings.now,
  reports: readinessOf(settings.reports),
  users: world.users,
  channels: world.channels.map((channel) => {
    const h = world.history(channel)
    const sessions: Array<SessionRecord> = []
    for (let i = 0; i < h.length; i++) {
      const sessionId = sessionIdAt(h, i)
      const end = h.endTime[i]!
      const report = world.reportTiming(channel, sessionId)
      sessions.push({
        sessionId,
        startTime: h.startTime[i]!,
        endTime: Number.isNaN(end) ? null : end,
        peakViewers: h.peakViewers[i]!,
        peakAt: h.peakAt[i]!,
        micMinutes: h.micMinutes[i]!,
        ...(report === undefined ? {} : { report: readinessOf(report) }),
      })
    }
    return { channelId: channel.channelId, userId: channel.userId, sessions }
  }),
})
