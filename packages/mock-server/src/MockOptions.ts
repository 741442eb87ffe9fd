/**
 * Everything the mock can be told, with defaults. The demo credentials are public on purpose:
 * they let the demo and tests run with no real account.
 *
 * @module
 */
import { Signer } from "@polyv-stats/core"
import { type Cassette, cassetteOrThrow } from "./cassette/Cassette.js"
import * as ClockRange from "./clock/ClockRange.js"
import { defaultFaultConfig, type FaultConfig, type FaultKind } from "./faults/FaultInjector.js"
import { defaultJournalSize } from "./journal/Journal.js"
import { polyvRateLimit, type RateLimit } from "./ratelimit/RateLimiter.js"
import type { AnyStubSpec } from "./stubs/Stub.js"
import { worldWithStubsOrThrow } from "./stubs/WorldStubs.js"
import { appSecretExpected, appSecretPattern } from "./world/Account.js"
import { type BuiltInWorld, builtInWorlds } from "./world/PolyvExamples.js"
import { defaultWorldSize, type WorldSize } from "./world/World.js"
import { latestInstant, type WorldFile } from "./world/WorldFile.js"

/** The credentials the mock accepts unless told otherwise. Not a real Polyv account. */
export const demoCredentials = {
  appId: "polyvdemo1",
  appSecret: "polyv-stats-demo-secret-not-real",
} as const

/** The seed used when none is given. */
export const defaultSeed = "polyv-stats"

/** Polls a session report answers "not ready" for when neither `reportPolls` nor `reportSeconds` is given. */
export const defaultReportPolls = 2

/** How far a request's `timestamp` may be from the mock's clock: Polyv's window, from core. */
export const { timestampWindowMillis } = Signer

export interface MockOptions {
  /** The one application the mock knows. Default: {@link demoCredentials}. */
  readonly appId?: string | undefined
  readonly appSecret?: string | undefined
  /** Seeds the generated world. Same seed and anchor, same data. */
  readonly seed?: string | undefined
  /**
   * The instant the world is generated at, and where the mock's clock starts (it then runs
   * forward in real time). Default: the real clock. Within {@link ClockRange} (a `RangeError`
   * naming `now` and the range otherwise).
   */
  readonly now?: number | undefined
  /**
   * Replaces the mock's clock entirely (tests pass a virtual clock): it is the data's "now" —
   * default ranges, aggregation, which sessions have ended, report timing — and, unless
   * `timestampClock` is given, what timestamps are checked against.
   */
  readonly clock?: (() => number) | undefined
  /**
   * The clock a request's `timestamp` (and its `signatureNonce`'s window) is checked against,
   * when it is not the mock's own. `--real-clock` passes `Date.now`: clients signing with their
   * real clock are accepted, while the data stays on the mock's clock (`now`, running on), so a
   * session list without dates finds what explicit dates find. Default: the mock's clock.
   */
  readonly timestampClock?: (() => number) | undefined
  /**
   * The account, written instead of generated: a world file's content (parsed JSON, or one made
   * with `WorldBuilder`) or a built-in world's name (`"polyv-examples"`). It is checked whole: a
   * bad one throws a `WorldFileError` listing every problem with its path. Its `now`, `appId`,
   * `appSecret` and `reports` apply unless the options give their own; its `stubs` are made before
   * the `stubs` option's. Unset: generated from
   * `seed` and `size`.
   */
  readonly world?: WorldFile | BuiltInWorld | undefined
  /** How big a generated world is (ignored with `world`). Before issue 18 this was `world`. */
  readonly size?: Partial<WorldSize> | undefined
  /**
   * `"code"`: the HTTP status equals the body code (default). `"always200"`: v3 answers are HTTP
   * 200 whatever the body says, as real v3 runs have shown; v4 answers keep status = code, which
   * page 003 states.
   */
  readonly httpStatus?: "code" | "always200" | undefined
  /**
   * Polls that answer "Report is not ready yet…" after a report is first requested (default
   * {@link defaultReportPolls}).
   */
  readonly reportPolls?: number | undefined
  /**
   * When set, a report is ready this many seconds of mock time after it was first requested,
   * instead of after `reportPolls` polls.
   */
  readonly reportSeconds?: number | undefined
  /** Fault rates (share of API requests, 0..1, summing to at most 1) and the latency fault's delay. */
  readonly faults?: {
    readonly rates?: Readonly<Partial<Record<FaultKind, number>>> | undefined
    readonly latencyMillis?: number | undefined
  } | undefined
  /** Polyv's rate limit per client IP; default 1500 calls per 10 s, blocked 5 minutes when over. */
  readonly rateLimit?: Partial<RateLimit> | undefined
  /** How many requests the journal keeps (default 1000, the newest). */
  readonly journalSize?: number | undefined
  /**
   * How the adapters wait for a latency fault. Default: a real timer. The Effect layer passes
   * `Effect.sleep`, so `TestClock` drives it; tests of the plain handler pass their own.
   */
  readonly sleep?: ((millis: number) => Promise<void>) | undefined
  /** The URL clients reach the mock at; used in report download links. */
  readonly publicUrl?: string | undefined
  /**
   * When set, the admin API (`/__mock/`, not report links) answers only requests carrying
   * `Authorization: Bearer <adminToken>` (`--admin-token`). The mock keeps only its digest: it is
   * never printed, journaled or part of `mock.options`.
   */
  readonly adminToken?: string | undefined
  /**
   * Stubs in force from the start (see `PolyvMock.stub`; `--stubs FILE`). Checked whole: a bad one
   * throws, naming every problem with its path. A reset starts them again; it does not remove them.
   */
  readonly stubs?: ReadonlyArray<AnyStubSpec> | undefined
  /**
   * Refuse loudly a request that no stub answers and the world does not explain (a channel,
   * session or user it names is not in the world): HTTP 422, a v3 envelope whose message starts
   * `polyv-mock strict: unexpected request`, listed by `mock.unexpected()` (`--strict`).
   */
  readonly strict?: boolean | undefined
  /**
   * Answers recorded by `polyv-mock --record` (a cassette file's parsed content; `--cassette FILE`),
   * replayed to the requests that pass the mock's own checks, where stubs answer (a stub still
   * wins). Checked whole: a bad one throws a `WorldFileError` listing every problem with its path.
   * A request recorded several times gets its answers in recorded order, then the last one again;
   * a v4 answer gets a fresh request ID. A request the cassette lacks falls back to the world, or
   * with `strict` is refused as unexpected.
   */
  readonly cassette?: Cassette | undefined
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly appId: string
  readonly appSecret: string
  readonly seed: string
  readonly anchor: number
  readonly clock: () => number
  readonly timestampClock: (() => number) | undefined
  readonly size: WorldSize
  /** The checked world file, when the world is written. */
  readonly world: WorldFile | undefined
  readonly httpStatus: "code" | "always200"
  readonly reportPolls: number
  readonly reportSeconds: number | undefined
  readonly faults: FaultConfig
  readonly rateLimit: RateLimit
  readonly journalSize: number
  readonly sleep: (millis: number) => Promise<void>
  readonly publicUrl: string
  readonly strict: boolean
  /** The world file's stubs, then the option's. */
  readonly stubs: ReadonlyArray<AnyStubSpec>
  /** The checked cassette, when one is replayed. */
  readonly cassette: Cassette | undefined
}

/** A public URL as the mock writes links with it: without a trailing slash. */
export const publicUrlOf = (url: string): string => url.replace(/\/+$/, "")

const realSleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/** Throws a `RangeError` naming `now` and the range when the option is outside {@link ClockRange}. */
const checkNow = (now: number | undefined): void => {
  const problem = now === undefined ? undefined : ClockRange.problem("the now option", now)
  if (problem !== undefined) throw new RangeError(problem)
}

/**
 * The world option checked whole (a `WorldFileError` otherwise). A size given as `world` (its form
 * before `size` was split off) is refused by name rather than read as a file with no users.
 */
const worldOf = (
  world: MockOptions["world"],
): { readonly world: WorldFile; readonly stubs: ReadonlyArray<AnyStubSpec> } | undefined => {
  if (world === undefined) return undefined
  if (typeof world === "string") {
    if (Object.hasOwn(builtInWorlds, world)) return worldWithStubsOrThrow(builtInWorlds[world], world)
    throw new RangeError(
      `the world option names no built-in world: ${JSON.stringify(world)}; the built-in worlds are ${
        Object.keys(builtInWorlds).join(", ")
      } (or give a world file's content)`,
    )
  }
  const given = world as unknown as Record<string, unknown>
  if (typeof given.channels === "number" || typeof given.sessionsPerChannel === "number") {
    throw new TypeError(
      "the world option is a world file now; a generated world's size is the size option ({ size: { channels, sessionsPerChannel } })",
    )
  }
  return worldWithStubsOrThrow(world, "the world option")
}

/** Throws a `RangeError` naming `appSecret` when it is not one the mock can keep out of what it quotes. */
const checkSecret = (secret: string | undefined): void => {
  if (secret !== undefined && !appSecretPattern.test(secret)) {
    throw new RangeError(`the appSecret option must be ${appSecretExpected}`)
  }
}

export const resolveOptions = (options: MockOptions = {}): ResolvedOptions => {
  checkNow(options.now)
  checkSecret(options.appSecret)
  const written = worldOf(options.world)
  const world = written?.world
  const now = options.now ?? world?.now
  const started = Date.now()
  const anchor = now ?? options.clock?.() ?? started
  const clock = options.clock ?? (now === undefined ? Date.now : () => anchor + (Date.now() - started))
  // A file without `now` (or a `now` option earlier than its own) would start the clock before
  // sessions it holds: an account with a future Polyv never shows.
  // Not against a given clock: a virtual one (MockLayer under TestClock) reads 0 when the mock is
  // made and is set by the test afterwards, so its first reading says nothing about the data's now.
  const latest = world === undefined ? Number.NEGATIVE_INFINITY : latestInstant(world)
  if (latest > anchor) {
    throw new RangeError(
      `the world holds an instant (${new Date(latest).toISOString()}) after the mock's clock starts (${
        new Date(anchor).toISOString()
      }): give the world file a now at or after it, or the now option`,
    )
  }
  // A report timing given in the options wins over the file's, which wins over the default.
  const reports = options.reportPolls !== undefined || options.reportSeconds !== undefined ? undefined : world?.reports
  return {
    appId: options.appId ?? world?.appId ?? demoCredentials.appId,
    appSecret: options.appSecret ?? world?.appSecret ?? demoCredentials.appSecret,
    seed: options.seed ?? defaultSeed,
    anchor,
    clock,
    timestampClock: options.timestampClock,
    // Field by field: a size given as `{ channels: undefined }` (the bins' unset flags) keeps the default.
    size: {
      channels: options.size?.channels ?? defaultWorldSize.channels,
      sessionsPerChannel: options.size?.sessionsPerChannel ?? defaultWorldSize.sessionsPerChannel,
      historyDays: options.size?.historyDays,
    },
    world,
    httpStatus: options.httpStatus ?? "code",
    reportPolls: options.reportPolls ?? reports?.polls ?? defaultReportPolls,
    reportSeconds: options.reportSeconds ?? reports?.seconds,
    faults: {
      rates: options.faults?.rates ?? defaultFaultConfig.rates,
      latencyMillis: options.faults?.latencyMillis ?? defaultFaultConfig.latencyMillis,
    },
    rateLimit: { ...polyvRateLimit, ...options.rateLimit },
    journalSize: options.journalSize ?? defaultJournalSize,
    sleep: options.sleep ?? realSleep,
    publicUrl: publicUrlOf(options.publicUrl ?? "http://polyv-mock.invalid"),
    strict: options.strict ?? false,
    stubs: [...(written?.stubs ?? []), ...(options.stubs ?? [])],
    cassette: options.cassette === undefined ? undefined : cassetteOrThrow(options.cassette, "the cassette option"),
  }
}
