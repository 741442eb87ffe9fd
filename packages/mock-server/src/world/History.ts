/**
 * A channel's sessions in compact form: one typed array per field, newest first, and the session
 * IDs as their ten characters' codes (a written world whose IDs are not all ten characters long
 * keeps them as strings, `idList`: written worlds are small). About 42 bytes a session, against several hundred as
 * objects, so a channel of 100 000 sessions takes ~4 MB; a {@link WorldSession} object is made
 * only when one is asked for (the page being answered, a report, `World.sessions`).
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */
import type { Channel, WorldSession } from "./Account.js"

/** Characters in a session ID. */
export const sessionIdLength = 10

export interface History {
  readonly channel: Channel
  readonly length: number
  /** Session IDs: `sessionIdLength` character codes per session. */
  readonly ids: Uint8Array
  /** The session IDs as strings instead of `ids`, when they are not all `sessionIdLength` long. */
  readonly idList?: ReadonlyArray<string> | undefined
  readonly startTime: Float64Array
  /** `NaN` while live (`endTime: null`). */
  readonly endTime: Float64Array
  readonly peakViewers: Int32Array
  readonly peakAt: Float64Array
  readonly micMinutes: Int32Array
}

export const emptyHistory = (channel: Channel, length: number): History => ({
  channel,
  length,
  ids: new Uint8Array(length * sessionIdLength),
  startTime: new Float64Array(length),
  endTime: new Float64Array(length),
  peakViewers: new Int32Array(length),
  peakAt: new Float64Array(length),
  micMinutes: new Int32Array(length),
})

export const sessionIdAt = (h: History, i: number): string => {
  if (h.idList !== undefined) return h.idList[i]!
  const o = i * sessionIdLength
  const c = h.ids
  return String.fromCharCode(
    c[o]!,
    c[o + 1]!,
    c[o + 2]!,
    c[o + 3]!,
    c[o + 4]!,
    c[o + 5]!,
    c[o + 6]!,
    c[o + 7]!,
    c[o + 8]!,
    c[o + 9]!,
  )
}

export const endTimeAt = (h: History, i: number): number | null => {
  const end = h.endTime[i]!
  return Number.isNaN(end) ? null : end
}

/** The session at index `i`, as an object. */
export const sessionAt = (h: History, i: number): WorldSession => ({
  sessionId: sessionIdAt(h, i),
  channelId: h.channel.channelId,
  userId: h.channel.userId,
  startTime: h.startTime[i]!,
  endTime: endTimeAt(h, i),
  peakViewers: h.peakViewers[i]!,
  peakAt: h.peakAt[i]!,
  micMinutes: h.micMinutes[i]!,
})

/** The index of the session with this ID, or -1. */
export const indexOfSession = (h: History, sessionId: string): number => {
  if (h.idList !== undefined) return h.idList.indexOf(sessionId)
  if (sessionId.length !== sessionIdLength) return -1
  const c = h.ids
  search: for (let i = 0; i < h.length; i++) {
    const o = i * sessionIdLength
    for (let k = 0; k < sessionIdLength; k++) if (c[o + k] !== sessionId.charCodeAt(k)) continue search
    return i
  }
  return -1
}
