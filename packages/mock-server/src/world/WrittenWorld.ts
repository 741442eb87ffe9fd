/**
 * A world file made into what the endpoints read: each channel's sessions as a {@link History}
 * (the same compact arrays a generated channel has, newest first) and the report readiness of the
 * sessions that say their own. Built once, when the mock starts: a written world is all in memory.
 *
 * @module
 */
import type { Channel, ReportTiming } from "./Account.js"
import { emptyHistory, type History, sessionIdLength } from "./History.js"
import type { ReportReadiness, SessionRecord, WorldFile } from "./WorldFile.js"

/** What a {@link World} holds when it was written rather than generated. */
export interface WrittenAccount {
  readonly file: WorldFile
  readonly users: ReadonlyArray<string>
  readonly channels: ReadonlyArray<Channel>
  readonly histories: ReadonlyMap<string, History>
  /** By `channelId/sessionId`: the sessions whose file gives a `report`. */
  readonly reports: ReadonlyMap<string, ReportTiming>
}

/** The key of a session's report readiness. */
export const reportKey = (channelId: string, sessionId: string) => `${channelId}/${sessionId}`

/** A file's readiness as the report book counts it: polls, or seconds when given. */
export const timingOf = (r: ReportReadiness): ReportTiming =>
  r.seconds === undefined ? { polls: r.polls ?? 0 } : { polls: 0, seconds: r.seconds }

/** A channel's sessions, newest first (a stable sort: the file's order breaks ties), in compact form. */
export const historyOf = (channel: Channel, sessions: ReadonlyArray<SessionRecord>): History => {
  const newestFirst = sessions.toSorted((a, b) => b.startTime - a.startTime)
  const h = emptyHistory(channel, newestFirst.length)
  const uniform = newestFirst.every((s) => s.sessionId.length === sessionIdLength)
  newestFirst.forEach((s, i) => {
    if (uniform) {
      for (let k = 0; k < sessionIdLength; k++) h.ids[i * sessionIdLength + k] = s.sessionId.charCodeAt(k)
    }
    h.startTime[i] = s.startTime
    h.endTime[i] = s.endTime ?? Number.NaN
    h.peakViewers[i] = s.peakViewers ?? 0
    h.peakAt[i] = s.peakAt ?? s.startTime
    h.micMinutes[i] = s.micMinutes ?? 0
  })
  return uniform ? h : { ...h, ids: new Uint8Array(0), idList: newestFirst.map((s) => s.sessionId) }
}

/** The account a checked world file describes. */
export const writtenAccount = (file: WorldFile): WrittenAccount => {
  const channels = file.channels.map((c): Channel => ({ channelId: c.channelId, userId: c.userId }))
  const reports = new Map<string, ReportTiming>()
  for (const c of file.channels) {
    for (const s of c.sessions) {
      if (s.report !== undefined) reports.set(reportKey(c.channelId, s.sessionId), timingOf(s.report))
    }
  }
  return {
    file,
    users: file.users,
    channels,
    histories: new Map(file.channels.map((c, i) => [c.channelId, historyOf(channels[i]!, c.sessions)])),
    reports,
  }
}
