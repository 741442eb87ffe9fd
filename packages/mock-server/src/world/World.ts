/**
 * The mock's account: users, channels and their sessions, generated from a seed and an anchor
 * instant, or written in a world file ({@link World.fromFile}; see `WorldFile.ts`). Every endpoint reads this one world, so figures agree across endpoints (a channel's
 * live duration is the sum of its sessions, peaks come from the same sessions).
 *
 * Channels are made up front (cheap); a channel's sessions are generated the first time they
 * are asked for, from a generator seeded by the world seed and the channel ID, so a world of a
 * thousand channels starts at once and any one channel's history never depends on another's.
 * A history is kept compact (typed arrays, see {@link History}): session objects are made only
 * when asked for. Only the most recently read histories are kept ({@link LruCache}); the
 * endpoints that scan every channel read each channel's compact {@link ChannelFigures}, built once.
 *
 * @example
 * ```ts
 * import { World } from "@polyv-stats/mock-server"
 *
 * const world = new World("seed", Date.parse("2026-01-01T00:00:00Z"), { channels: 1000, sessionsPerChannel: 1000 })
 * world.sessions(world.channels[0]!) // generated now, on first read
 * ```
 * @module
 */
import type { Channel, ReportTiming, UserId, WorldSession } from "./Account.js"
import { type ChannelFigures, figuresOf } from "./ChannelFigures.js"
import { emptyHistory, type History, indexOfSession, sessionAt, sessionIdLength } from "./History.js"
import { LruCache } from "./LruCache.js"
import { Random } from "./Random.js"
import { sessionsIn, type WorldFile } from "./WorldFile.js"
import { reportKey, type WrittenAccount, writtenAccount } from "./WrittenWorld.js"

/** How big a world to make. */
export interface WorldSize {
  readonly channels: number
  readonly sessionsPerChannel: number
  /**
   * Spread each channel's sessions over about this many days (shorter sessions, closer together).
   * Unset: sessions of 5 minutes to 3 hours, about three days apart.
   */
  readonly historyDays?: number | undefined
}

export const defaultWorldSize: WorldSize = { channels: 5, sessionsPerChannel: 50 }

const second = 1000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour

/** Channels whose history stays in memory (the most recently read). */
export const sessionCacheChannels = 64

const wholeSeconds = (ms: number) => Math.floor(ms / second) * second

export class World {
  readonly users: ReadonlyArray<UserId>
  readonly channels: ReadonlyArray<Channel>
  private readonly byId: ReadonlyMap<string, Channel>
  private readonly position: ReadonlyMap<string, number>
  private readonly historyCache = new LruCache<string, History>(sessionCacheChannels)
  private readonly figureCache = new Map<string, ChannelFigures>()
  private readonly written: WrittenAccount | undefined

  /**
   * A generated world. (`written` is {@link World.fromFile}'s: the account a world file describes,
   * which the world then holds instead of generating one.)
   */
  constructor(
    readonly seed: string,
    /** The instant the world was generated at (or a written one's clock starts at): the newest session starts before it. */
    readonly anchor: number,
    /** How big it is; for a written world, its channels and its largest channel's sessions. */
    readonly size: WorldSize = defaultWorldSize,
    written?: WrittenAccount,
  ) {
    this.written = written
    if (written !== undefined) {
      this.users = written.users
      this.channels = written.channels
      this.byId = new Map(written.channels.map((c) => [c.channelId, c]))
      this.position = new Map()
      return
    }
    const random = new Random(`${seed}/account`)
    this.users = Array.from({ length: 3 }, () => random.text(10, "0123456789abcdef"))
    const channels: Array<Channel> = []
    let id = random.int(1_000_000, 3_000_000)
    for (let i = 0; i < size.channels; i++) {
      id += random.int(1, 997)
      // Most channels belong to the main user; the rest show that yunduo spans users.
      channels.push({ channelId: String(id), userId: this.users[i % 4 === 3 ? 1 + (i % 2) : 0]! })
    }
    this.channels = channels
    this.byId = new Map(channels.map((c) => [c.channelId, c]))
    this.position = new Map(channels.map((c, i) => [c.channelId, i]))
  }

  /**
   * The world a checked world file describes (see `WorldFile.ts`: `worldFileOrThrow` checks one).
   * `seed` still seeds what is not the world's (request IDs, fault draws); `anchor` is where the
   * mock's clock starts.
   */
  static fromFile(file: WorldFile, seed: string, anchor: number): World {
    const size = {
      channels: file.channels.length,
      sessionsPerChannel: file.channels.reduce((most, c) => Math.max(most, c.sessions.length), 0),
    }
    return new World(seed, anchor, size, writtenAccount(file))
  }

  /** How many sessions the world holds (a generated one's, without generating them). */
  get sessionCount(): number {
    const file = this.written?.file
    return file === undefined
      ? this.channels.length * this.size.sessionsPerChannel
      : sessionsIn(file)
  }

  /** The world file this world was made from; `undefined` for a generated one. */
  get file(): WorldFile | undefined {
    return this.written?.file
  }

  /** A session's own report readiness, when its world file gives one. */
  reportTiming(channel: Channel, sessionId: string): ReportTiming | undefined {
    return this.written?.reports.get(reportKey(channel.channelId, sessionId))
  }

  /** The account's own user (the one `appId` belongs to). */
  get mainUser(): UserId {
    return this.users[0]!
  }

  channel(channelId: string): Channel | undefined {
    return this.byId.get(channelId)
  }

  /** A channel's sessions, newest first (made as objects on each call; see {@link history}). */
  sessions(channel: Channel): ReadonlyArray<WorldSession> {
    const h = this.history(channel)
    return Array.from({ length: h.length }, (_, i) => sessionAt(h, i))
  }

  /** A channel's sessions in compact form, newest first: what the endpoints read. */
  history(channel: Channel): History {
    // A written world holds every history; a channel passed in is one of `channels`.
    if (this.written !== undefined) return this.written.histories.get(channel.channelId)!
    return this.historyCache.getOrCreate(channel.channelId, () => this.generate(channel))
  }

  /** A channel's figures for the endpoints that scan every channel; built on first read, then kept. */
  figures(channel: Channel): ChannelFigures {
    let figures = this.figureCache.get(channel.channelId)
    if (!figures) {
      figures = figuresOf(this.history(channel))
      this.figureCache.set(channel.channelId, figures)
    }
    return figures
  }

  /** Finds a session of a channel. */
  session(channel: Channel, sessionId: string): WorldSession | undefined {
    const h = this.history(channel)
    const i = indexOfSession(h, sessionId)
    return i < 0 ? undefined : sessionAt(h, i)
  }

  private generate(channel: Channel): History {
    const random = new Random(`${this.seed}/channel/${channel.channelId}`)
    const h = emptyHistory(channel, this.size.sessionsPerChannel)
    // Every third channel is live right now, so a fresh world always shows `endTime: null`.
    const live = (this.position.get(channel.channelId) ?? 0) % 3 === 0
    let cursor = this.anchor - (live ? 0 : random.int(1, 48) * hour)
    // With historyDays, each session and the gap after it take about one "slot" of the history.
    const slotSeconds = this.size.historyDays === undefined
      ? undefined
      : Math.max(120, Math.floor(this.size.historyDays * 86_400 / this.size.sessionsPerChannel))
    for (let i = 0; i < this.size.sessionsPerChannel; i++) {
      const isLive = live && i === 0
      const duration = isLive
        ? random.int(10, 120) * minute
        : slotSeconds === undefined
        ? random.int(5 * 60, 3 * 60 * 60) * second
        : random.int(Math.floor(slotSeconds / 10), Math.min(3 * 60 * 60, Math.floor(slotSeconds / 2))) * second
      const startTime = wholeSeconds(cursor - duration)
      const endTime = isLive ? null : startTime + duration
      const peakViewers = random.int(5, 5000)
      // The draws in the order the session's fields were always drawn: ID, peak instant, minutes.
      const sessionId = random.text(sessionIdLength)
      for (let k = 0; k < sessionIdLength; k++) h.ids[i * sessionIdLength + k] = sessionId.charCodeAt(k)
      h.startTime[i] = startTime
      h.endTime[i] = endTime ?? Number.NaN
      h.peakViewers[i] = peakViewers
      h.peakAt[i] = wholeSeconds(startTime + random.next() * duration)
      h.micMinutes[i] = random.int(0, Math.floor(duration / minute / 2))
      // Gaps average three days, so 50 sessions span about five months: several 60-day windows.
      cursor = startTime - (slotSeconds === undefined
            ? random.int(30 * 60, 6 * 24 * 60 * 60)
            : random.int(Math.floor(slotSeconds / 2), slotSeconds)) * second
    }
    return h
  }
}

export const millis = { second, minute, hour, day }
