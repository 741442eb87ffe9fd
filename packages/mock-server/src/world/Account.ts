/**
 * The records of the mock's account — users, channels, sessions — as the world hands them out.
 * Their own module, so that the world and the compact forms it keeps them in (`History`,
 * `ChannelFigures`) import these types from here rather than from one another.
 *
 * @module
 */

/**
 * What an app secret the mock accepts looks like: 8 or more characters, not all blank, no control
 * character. Polyv's are 32 letters and digits; the mock cuts its secret out of everything
 * it quotes back, and a secret of one space (or "55", inside channel ID 2272655) would cut out what
 * is not a secret at all. Checked wherever a secret is given: the option, the world file, the flag.
 */
export const appSecretPattern = /^(?=[^]*\S)[^\p{Cc}]{8,}$/u
export const appSecretExpected = "an app secret of 8 or more characters, not all blank, no control character"

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
