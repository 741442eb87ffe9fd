/**
 * The records of the mock's account — users, channels, sessions — as the world hands them out.
 * Their own module, so that the world and the compact forms it keeps them in (`History`,
 * `ChannelFigures`) import these types from here rather than from one another.
 *
 * @module
 */

/** A user of the account (Polyv user IDs are 10 hex digits). */
export type UserId = string

export interface Channel {
  readonly channelId: string
  readonly userId: UserId
}

/** One session as the mock keeps it: what the session list shows plus the figures behind other endpoints. */
export interface WorldSession {
  readonly sessionId: string
  readonly channelId: string
  readonly userId: UserId
  /** Whole seconds, in ms, like Polyv's. */
  readonly startTime: number
  /** `null` while live. */
  readonly endTime: number | null
  /** The highest concurrent viewer count during the session. */
  readonly peakViewers: number
  /** When that peak happened (ms). */
  readonly peakAt: number
  /** Co-host (连麦) minutes used during the session. */
  readonly micMinutes: number
}

/**
 * When a session's report is ready: after `polls` requests answered "not ready" (counted from the
 * first), or — when `seconds` is set — that many seconds of mock time after the first request.
 */
export interface ReportTiming {
  /** Requests that answer "not ready" after the report starts. */
  readonly polls: number
  /** When set, the report is ready this many seconds (mock time) after the first request instead. */
  readonly seconds?: number | undefined
}
