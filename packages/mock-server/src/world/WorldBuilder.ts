/**
 * A world file written in TypeScript: users, then channels, then sessions, each typed as the file's
 * records are. `build()` checks it as a file is checked and throws a `WorldFileError` listing
 * every problem; the result is what the mock's `world` option takes. Each step returns a new
 * builder, so a shared base can be extended per test.
 *
 * @example
 * ```ts
 * import { PolyvMock, worldBuilder } from "@polyv-stats/mock-server"
 *
 * const world = worldBuilder({ now: Date.parse("2026-01-10T00:00:00Z") })
 *   .user("1b448be323")
 *   .channel("2272655") // owned by the first user unless a userId is given
 *   .session("2272655", { sessionId: "g9lv2ghv2x", startTime: Date.parse("2026-01-09T12:00:00Z"), endTime: null })
 *   .build()
 * const mock = new PolyvMock({ world })
 * ```
 * @module
 */
import type { ChannelRecord, SessionRecord, WorldFile } from "./WorldFile.js"
import { worldFileOrThrow } from "./WorldFile.js"

/** What a world says besides its users and channels. */
// Stubs are not the account's: a TS test gives them typed, as the `stubs` option.
export type WorldSettings = Omit<WorldFile, "users" | "channels" | "$schema" | "stubs">

export class WorldBuilder {
  constructor(
    private readonly settings: WorldSettings = {},
    private readonly users: ReadonlyArray<string> = [],
    private readonly channels: ReadonlyArray<ChannelRecord> = [],
  ) {}

  /** Adds a user; the first one added is the account's own. */
  user(userId: string): WorldBuilder {
    return new WorldBuilder(this.settings, [...this.users, userId], this.channels)
  }

  /** Adds a channel owned by `userId` (default: the first user). */
  channel(channelId: string, userId: string | undefined = this.users[0]): WorldBuilder {
    // An owner left unknown here is one `build` names, as it would in a file.
    return new WorldBuilder(this.settings, this.users, [...this.channels, {
      channelId,
      userId: userId ?? "",
      sessions: [],
    }])
  }

  /** Adds a session to a channel added before (the channel is added, owned by the first user, if not). */
  session(channelId: string, session: SessionRecord): WorldBuilder {
    const known = this.channels.some((c) => c.channelId === channelId)
    const base = known ? this : this.channel(channelId)
    return new WorldBuilder(
      this.settings,
      base.users,
      base.channels.map((c) => (c.channelId === channelId ? { ...c, sessions: [...c.sessions, session] } : c)),
    )
  }

  /** The world file, checked whole (a `WorldFileError` lists every problem). */
  build(): WorldFile {
    return worldFileOrThrow({ ...this.settings, users: this.users, channels: this.channels }, "the built world")
  }
}

/** A new {@link WorldBuilder}, with the world's `now`, credentials or report timing when given. */
export const worldBuilder = (settings: WorldSettings = {}): WorldBuilder => new WorldBuilder(settings)
