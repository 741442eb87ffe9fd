/**
 * The built-in world `polyv-examples`: the account behind the examples of Polyv's own pages
 * (`spec/seeds/` 001–004), so that each page's example request answers the page's example `data`.
 *
 * - Page 004: channel 2272655 of user 1b448be323 and its four sessions, as the example lists them.
 * - Page 002: channels 108888 and 108188, with 1000 s and 222 s of ended sessions.
 * - Page 003: user 1b448be323's 101 co-host minutes between 1632672000000 and 1633017600000.
 * - Page 001: the peak of 2888 viewers at 1629166440000 (`cdn`).
 *
 * What the pages do not give is made up as little as possible and says so: the durations' and the
 * peak's sessions (IDs `p002…`, `p001…`), placed so that each page's figure is the only one its
 * request sees; every other figure is 0. `now` is page 004's example timestamp, so its four
 * sessions are within the default 60 days. No credentials: the mock's (by default the demo pair).
 *
 * @module
 */
import type { WorldFile } from "./WorldFile.js"

const user = "1b448be323"

/** Frozen all the way down: shared by every mock that loads it, so no one may change it for the next. */
const frozen = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) frozen(inner)
    Object.freeze(value)
  }
  return value
}

export const polyvExamples: WorldFile = frozen({
  now: 1652411923329,
  users: [user],
  channels: [
    {
      channelId: "2272655",
      userId: user,
      sessions: [
        { sessionId: "g9lv2ghv2x", startTime: 1652062574000, endTime: 1652062643000 },
        { sessionId: "g9b3pwv2b7", startTime: 1651219401000, endTime: 1651219592000 },
        { sessionId: "g8ms75epoj", startTime: 1649313582000, endTime: 1649313757000 },
        { sessionId: "g87lv4kjh2", startTime: 1648124333000, endTime: 1648124412000 },
      ],
    },
    {
      channelId: "108888",
      userId: user,
      // 1000 s (page 002), on 2021-09-28 China time: page 003's 101 minutes.
      sessions: [
        { sessionId: "p002mic101", startTime: 1632794400000, endTime: 1632795400000, micMinutes: 101 },
      ],
    },
    {
      channelId: "108188",
      userId: user,
      // 222 s (page 002) around page 001's peak.
      sessions: [
        {
          sessionId: "p001ccv288",
          startTime: 1629166340000,
          endTime: 1629166562000,
          peakViewers: 2888,
          peakAt: 1629166440000,
        },
      ],
    },
  ],
})

/** The worlds the mock has built in, by the name `--world` and the `world` option take. */
export const builtInWorlds = Object.freeze({ "polyv-examples": polyvExamples } as const)

export type BuiltInWorld = keyof typeof builtInWorlds

export const isBuiltInWorld = (name: string): name is BuiltInWorld => Object.hasOwn(builtInWorlds, name)
