/**
 * The standalone mock as an `effect/cli` command, defined once and mounted twice: as the
 * `polyv-mock` bin of this package and as `polyv-stats mock` in `@polyv-stats/cli`.
 *
 * It listens on a real socket, prints the URL as the first line of stdout (so scripts can read
 * it), a summary of its world on stderr, and serves until SIGINT/SIGTERM, when it closes.
 *
 * @example
 * ```ts
 * import { Command } from "effect/cli"
 * import { MockCommand } from "@polyv-stats/mock-server"
 *
 * const app = Command.make("tool").pipe(Command.withSubcommands([MockCommand.command]))
 * ```
 * @module
 */
import { ApiFailures, Contract, credentialsEnv } from "@polyv-stats/core"
import { Console, Effect, type FileSystem, Option, Redacted, Result } from "effect"
import { CliError, Command, Flag } from "effect/cli"
import { type RunningMock, startServer } from "../adapters/NodeServer.js"
import { adminPrefix } from "../admin/AdminApi.js"
import {
  adminTokenEnv,
  adminTokenFlag,
  adminTokenFromEnv,
  expectedAdminToken,
  isAdminToken,
} from "../admin/AdminGate.js"
import { allowHostFlag, expectedHostName, exposureWarning, hostName } from "../admin/Exposure.js"
import type { Cassette } from "../cassette/Cassette.js"
import { worldFromCassette } from "../cassette/CassetteWorld.js"
import { defaultUpstreamTimeoutMillis } from "../cassette/Recorder.js"
import * as ClockRange from "../clock/ClockRange.js"
import { parseInstant } from "../clock/MockClock.js"
import {
  checkFaultConfig,
  defaultFaultConfig,
  faultHeader,
  type FaultKind,
  faultKinds,
  isFaultKind,
  maxLatencyMillis,
} from "../faults/FaultInjector.js"
import { defaultJournalSize, maxJournalSize } from "../journal/Journal.js"
import { defaultReportPolls, defaultSeed, demoCredentials, type MockOptions } from "../MockOptions.js"
import { PolyvMock } from "../PolyvMock.js"
import { unexpectedPrefix, unexpectedStatus } from "../protocol/OwnError.js"
import { polyvRateLimit, type RateLimit } from "../ratelimit/RateLimiter.js"
import { problemLines } from "../stubs/Stub.js"
import { parseStubsFile } from "../stubs/StubFile.js"
import { appSecretExpected, appSecretPattern } from "../world/Account.js"
import { endTimeAt } from "../world/History.js"
import { defaultWorldSize } from "../world/World.js"
import { sessionsIn, type WorldFile, type WorldFileError } from "../world/WorldFile.js"
import { isListenFailure, type ListenError, listenError } from "./ListenError.js"
import { printableLines } from "./Printable.js"
import { readCassette, record, recordFlags, recording } from "./RecordFlags.js"
import { readText } from "./TextFile.js"
import { readWorld, worldFlags, writeWorld } from "./WorldFlags.js"

/** Options no mock can be made of (the world's stubs and --stubs naming one stub twice): a usage error. */
const refusedOptions = (error: unknown) =>
  new CliError.ValidationError({ message: error instanceof Error ? error.message : String(error) })

/**
 * Starts serving. A failure to listen is Node's system error of the `listen` (or, in a cluster
 * worker, `bind`) call (EADDRINUSE, EACCES, …) or of looking the host up (`getaddrinfo`); anything else is startServer refusing the
 * mock's options, which it checks before binding the port: a usage error.
 */
const listening = <A>(
  input: MockFlags,
  start: () => Promise<A>,
): Effect.Effect<A, ListenError | CliError.ValidationError> =>
  Effect.tryPromise({
    try: start,
    catch: (error) => isListenFailure(error) ? listenError(error, input.host, input.port) : refusedOptions(error),
  })

/** Digits as the contract reads a whole number (up to nine), from `min` to `max`. */
const wholeNumber = (min: number, max: number) => (text: string): Option.Option<number> =>
  Contract.WireTypes.wholeNumberPattern.test(text) && Number(text) >= min && Number(text) <= max
    ? Option.some(Number(text))
    : Option.none()

/**
 * A flag taking a whole number from `min` to `max`. A value out of range is refused naming the
 * range, and `unit` when given ("a whole number of days from 1 to 36500"), unless `expected` says
 * it otherwise.
 */
const wholeNumberFlag = (
  name: string,
  range: {
    readonly min: number
    readonly max: number
    readonly metavar?: string
    readonly unit?: string
    readonly expected?: string
  },
  description: string,
) =>
  Flag.String(name).pipe(
    Flag.withMetavar(range.metavar ?? "n"),
    Flag.withDescription(description),
    Flag.filterMap(
      wholeNumber(range.min, range.max),
      () =>
        range.expected ?? `a whole number${range.unit ? ` of ${range.unit}` : ""} from ${range.min} to ${range.max}`,
    ),
  )

/** A rate as written: a decimal number (its range is {@link checkFaultConfig}'s, as for the admin API). */
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)$/

/**
 * `server-error=0.1,reset=0.05` → rates, or why not. Each kind once; the rates are then checked by
 * the same rule as the admin API's (each from 0 to 1, `-0` included, summing to at most 1).
 */
const faultRates = (text: string): { readonly rates: Partial<Record<FaultKind, number>> } | {
  readonly problem: string
} => {
  const rates: Partial<Record<FaultKind, number>> = {}
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const [kind, rate, ...rest] = part.split("=")
    if (kind === undefined || rate === undefined || rest.length > 0) return { problem: `"${part}" is not kind=rate` }
    if (!isFaultKind(kind)) return { problem: `unknown fault kind "${kind}"` }
    if (kind in rates) return { problem: `${kind} is given twice; give each kind once` }
    if (!decimal.test(rate)) return { problem: `the rate of ${kind} is "${rate}", not a number` }
    rates[kind] = Number(rate)
  }
  const problem = checkFaultConfig({ rates, latencyMillis: 0 })
  return problem === undefined ? { rates } : { problem }
}

/** `1500/10s` → limit and window. */
const parseRateLimit = (text: string): Option.Option<Pick<RateLimit, "limit" | "windowMillis">> => {
  const m = /^(\d{1,9})\/(\d{1,6})s$/.exec(text)
  return m && Number(m[1]) >= 1 && Number(m[2]) >= 1
    ? Option.some({ limit: Number(m[1]), windowMillis: Number(m[2]) * 1000 })
    : Option.none()
}

/** `--allow-host a --allow-host b,c` → the names, each a host name or IP address. */
const parseHostNames = (given: ReadonlyArray<string>): Option.Option<ReadonlyArray<string>> => {
  const names = given.flatMap((text) => text.split(",")).map((text) => text.trim()).filter((text) => text !== "")
  return names.every((name) => hostName(name) !== undefined) ? Option.some(names) : Option.none()
}

/**
 * `--stubs FILE`: the file's stubs, checked whole as the mock will make them, or one line naming
 * every problem with its path (exit 2, nothing served).
 */
const stubsFromFile = (file: string) =>
  readText("--stubs", file).pipe(Effect.flatMap((text) =>
    Result.match(parseStubsFile(text), {
      onSuccess: Effect.succeed,
      onFailure: (problems) =>
        Effect.fail(
          new CliError.ValidationError({
            message: `--stubs ${file}: ${problems.length} problem${problems.length > 1 ? "s" : ""}, nothing served: ${
              problemLines(problems).join("; ")
            }`,
          }),
        ),
    })
  ))

/** The mock's flags. */
export const flags = {
  host: Flag.String("host").pipe(
    Flag.withMetavar("address"),
    Flag.withDescription("Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)"),
    Flag.withDefault("127.0.0.1"),
  ),
  port: wholeNumberFlag(
    "port",
    { min: 0, max: 65535, expected: "a port number from 0 to 65535" },
    "Port to listen on (default 0: any free port; the URL printed says which)",
  ).pipe(Flag.withDefault(0)),
  appId: Flag.String("app-id").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription(`The appId the mock accepts (default: the demo pair's ${demoCredentials.appId})`),
    Flag.optional,
  ),
  appSecret: Flag.Redacted("app-secret").pipe(
    Flag.withMetavar("secret"),
    Flag.withDescription(`The app secret the mock accepts (default: the demo pair's ${demoCredentials.appSecret})`),
    Flag.filterMap(
      (secret) => appSecretPattern.test(Redacted.value(secret)) ? Option.some(secret) : Option.none(),
      () => appSecretExpected,
    ),
    Flag.optional,
  ),
  seed: Flag.String("seed").pipe(
    Flag.withMetavar("text"),
    Flag.withDescription(`Seeds the generated account; same seed and --now, same data (default "${defaultSeed}")`),
    Flag.withDefault(defaultSeed),
  ),
  now: Flag.String("now").pipe(
    Flag.withMetavar("instant"),
    Flag.withDescription(
      "Pretend it is this instant (ISO, e.g. 2026-01-15T08:00:00Z); the clock runs on from it. Default: the real clock",
    ),
    Flag.filterMap(
      (text) => Option.filter(Option.fromNullishOr(parseInstant(text)), ClockRange.contains),
      () => `an ISO instant such as 2026-01-15T08:00:00Z or 2026-01-15T16:00:00+08:00, from ${ClockRange.text}`,
    ),
    Flag.optional,
  ),
  realClock: Flag.Boolean("real-clock").pipe(
    Flag.withDescription(
      "With --now: the data is as of --now, but timestamps are checked against the real clock (so clients signing with their own clock are accepted)",
    ),
    Flag.withDefault(false),
  ),
  channels: wholeNumberFlag(
    "channels",
    { min: 1, max: 100_000 },
    `How many channels the account has (default ${defaultWorldSize.channels})`,
  ).pipe(Flag.optional),
  sessionsPerChannel: wholeNumberFlag(
    "sessions-per-channel",
    { min: 1, max: 100_000 },
    `Sessions generated per channel (default ${defaultWorldSize.sessionsPerChannel})`,
  ).pipe(Flag.optional),
  ...worldFlags,
  historyDays: wholeNumberFlag(
    "history-days",
    { min: 1, max: 36_500, metavar: "days", unit: "days" },
    "Spread each channel's sessions over about this many days (default: about 3 days apart)",
  ).pipe(Flag.optional),
  httpStatus: Flag.Literals("http-status", ["code", "always200"]).pipe(
    Flag.withDescription(
      "code: HTTP status = the body's code (default); always200: HTTP 200 with v3 error bodies, as real v3 runs show (v4 keeps status = code, as Polyv's page says)",
    ),
    Flag.withDefault("code" as const),
  ),
  reportPolls: wholeNumberFlag(
    "report-polls",
    { min: 0, max: 1000 },
    `Polls a session report stays "not ready" for before its URL is given (default: the world file's, else ${defaultReportPolls})`,
  ).pipe(Flag.optional),
  reportSeconds: wholeNumberFlag(
    "report-seconds",
    { min: 0, max: 86_400, unit: "seconds" },
    "Instead of --report-polls: a report is ready n seconds (mock time) after it is first asked for",
  ).pipe(Flag.optional),
  faults: Flag.String("faults").pipe(
    Flag.withMetavar("kind=rate,…"),
    Flag.withDescription(
      `Inject faults into that share of API requests (seeded, reproducible), e.g. server-error=0.05,reset=0.01. Kinds: ${
        faultKinds.join(", ")
      }; rates add up to at most 1. One request can force a kind with the ${faultHeader} header`,
    ),
    Flag.filterMap(
      (text) => {
        const parsed = faultRates(text)
        return "rates" in parsed ? Option.some(parsed.rates) : Option.none()
      },
      (text) => {
        const parsed = faultRates(text)
        return `kind=rate pairs, each kind once among ${faultKinds.join(", ")}, rates from 0 to 1 summing to ≤ 1${
          "problem" in parsed ? `: ${parsed.problem}` : ""
        }`
      },
    ),
    Flag.withDefault({}),
  ),
  latencyMs: wholeNumberFlag(
    "latency-ms",
    { min: 0, max: maxLatencyMillis, metavar: "ms", unit: "milliseconds" },
    `How late a latency fault answers (default ${defaultFaultConfig.latencyMillis})`,
  ).pipe(Flag.withDefault(defaultFaultConfig.latencyMillis)),
  rateLimit: Flag.String("rate-limit").pipe(
    Flag.withMetavar("calls/Ns"),
    Flag.withDescription(
      `Calls allowed per client IP per window, Polyv's is ${polyvRateLimit.limit}/${
        polyvRateLimit.windowMillis / 1000
      }s (the default); over it: "${ApiFailures.messageOf("RateLimited")}"`,
    ),
    Flag.filterMap(parseRateLimit, () => "calls/seconds, e.g. 1500/10s"),
    Flag.withDefault({ limit: polyvRateLimit.limit, windowMillis: polyvRateLimit.windowMillis }),
  ),
  rateLimitBlockSeconds: wholeNumberFlag(
    "rate-limit-block-seconds",
    { min: 0, max: 86_400, unit: "seconds" },
    `How long a client over the limit stays refused (default ${polyvRateLimit.blockMillis / 1000}, as Polyv)`,
  ).pipe(Flag.withDefault(polyvRateLimit.blockMillis / 1000)),
  journalSize: wholeNumberFlag(
    "journal-size",
    { min: 1, max: maxJournalSize },
    `Requests the journal (${adminPrefix}journal) keeps, the newest (default ${defaultJournalSize})`,
  ).pipe(Flag.withDefault(defaultJournalSize)),
  stubs: Flag.String("stubs").pipe(
    Flag.withMetavar("file"),
    Flag.withDescription(
      `Stubs in force from the start: a JSON file {"stubs":[{"endpoint":"exportReport","answers":[{"failure":"ReportNotReady","times":2},{"data":"https://…"}]}]} (answers a test chooses, after the signature checks; ${adminPrefix}stubs changes them). A bad file is refused whole, every problem named by its path`,
    ),
    Flag.optional,
    Flag.mapEffect((given) => (Option.isSome(given) ? stubsFromFile(given.value) : Effect.succeed([]))),
  ),
  strict: Flag.Boolean("strict").pipe(
    Flag.withDescription(
      `Refuse loudly (HTTP ${unexpectedStatus}, "${unexpectedPrefix}: …") a request no stub answers that names a channel, session or user the world lacks (with --cassette: any request the cassette lacks); ${adminPrefix}unexpected lists them`,
    ),
    Flag.withDefault(false),
  ),
  allowHost: Flag.String(allowHostFlag).pipe(
    Flag.withMetavar("name"),
    Flag.withDescription(
      `Another host name the admin API (${adminPrefix}) answers to, e.g. a docker-compose service name (repeatable, or comma-separated). By default only this mock's address, localhost, 127.0.0.1 and [::1]: a web page that rebinds its own name to this address gets nothing`,
    ),
    Flag.atLeast(0),
    Flag.filterMap(parseHostNames, (given) => {
      const bad = given.flatMap((text) => text.split(",")).find((name) => hostName(name) === undefined)
      return `${expectedHostName}; "${bad}" is not`
    }),
  ),
  adminToken: Flag.Redacted(adminTokenFlag).pipe(
    Flag.withMetavar("token"),
    Flag.withDescription(
      `Require Authorization: Bearer <token> on the admin API (${adminPrefix}; not on report links) (env ${adminTokenEnv}; prefer the env var: flags show up in ps). Never printed`,
    ),
    Flag.filter((token) => isAdminToken(Redacted.value(token)), () => expectedAdminToken),
    Flag.optional,
    // Not effect/cli's fallback config: it takes an empty variable for an unset one, which would
    // turn the token off without a word. The variable is read here, and refused by its own name.
    Flag.mapEffect((given) =>
      Option.isSome(given) ? Effect.succeed(given) : Result.match(adminTokenFromEnv(process.env), {
        onSuccess: (token) => Effect.succeed(Option.map(token, Redacted.make)),
        onFailure: (message) => Effect.fail(new CliError.ValidationError({ message })),
      })
    ),
  ),
  ...recordFlags,
}

/** What the flags parse to. */
export type MockFlags = Command.Command.Config.Infer<typeof flags>

/**
 * The summary printed on stderr once the mock listens. It shows the secret in force when that is
 * the public demo one (given or not, and whatever the app ID), and never any other.
 */
export const summary = (running: RunningMock): string => {
  const { world, options } = running.mock
  const shown = world.channels.slice(0, 10)
  const channels = shown.map((c) => `${c.channelId}${endTimeAt(world.history(c), 0) === null ? " (live now)" : ""}`)
  if (world.channels.length > shown.length) channels.push(`… ${world.channels.length - shown.length} more`)
  const demoSecret = options.appSecret === demoCredentials.appSecret
  const secret = demoSecret ? demoCredentials.appSecret : "<the app secret you gave>"
  const demo = !demoSecret
    ? ""
    : options.appId === demoCredentials.appId
    ? " (the public demo pair)"
    : " (the public demo secret)"
  const first = world.channels[0]?.channelId ?? "<channel>"
  return [
    `Polyv mock listening on ${running.url}`,
    world.file === undefined
      ? `  seed ${JSON.stringify(options.seed)}, world generated at ${new Date(options.anchor).toISOString()}`
      : `  world from a file, its clock starting at ${new Date(options.anchor).toISOString()}`,
    `  appId ${options.appId}, app secret ${secret}${demo}`,
    `  users:    ${world.users.join(", ")} (the account's own: ${world.mainUser})`,
    `  channels: ${channels.join(", ")}`,
    world.file === undefined
      ? `  sessions: ${options.size.sessionsPerChannel} per channel, newest first`
      : `  sessions: ${world.sessionCount} in all, newest first`,
    ...(running.mock.replay === undefined
      ? []
      : [
        `  cassette: ${running.mock.replay.size} recorded request${
          running.mock.replay.size === 1 ? "" : "s"
        } replayed (before the world)`,
      ]),
    `  admin:    ${running.url}${adminPrefix} (journal, calls, stubs, unexpected, reset, faults, clock, world, openapi.json)`,
    "",
    "Call it with polyv-stats:",
    `  ${credentialsEnv.baseUrl}=${running.url} ${credentialsEnv.appId}=${options.appId} ${credentialsEnv.appSecret}=${secret} \\`,
    `    polyv-stats sessions --channel ${first}`,
    "Stop it with Ctrl-C (SIGINT) or SIGTERM.",
  ].join("\n")
}

/** The mock's options the flags give (besides where it listens). */
const mockOptions = (input: MockFlags, world: WorldFile | undefined, cassette: Cassette | undefined): MockOptions => ({
  // Unset, the world file's credentials (or else the demo pair) apply.
  appId: Option.getOrUndefined(input.appId),
  appSecret: Option.getOrUndefined(Option.map(input.appSecret, Redacted.value)),
  seed: input.seed,
  now: Option.getOrUndefined(input.now),
  timestampClock: input.realClock ? Date.now : undefined,
  world,
  size: {
    channels: Option.getOrUndefined(input.channels),
    sessionsPerChannel: Option.getOrUndefined(input.sessionsPerChannel),
    historyDays: Option.getOrUndefined(input.historyDays),
  },
  httpStatus: input.httpStatus,
  reportPolls: Option.getOrUndefined(input.reportPolls),
  reportSeconds: Option.getOrUndefined(input.reportSeconds),
  faults: { rates: input.faults, latencyMillis: input.latencyMs },
  rateLimit: { ...input.rateLimit, blockMillis: input.rateLimitBlockSeconds * 1000 },
  journalSize: input.journalSize,
  stubs: input.stubs,
  strict: input.strict,
  cassette,
})

/** The flags that size a generated world, which a written one has no use for. */
const sizeFlags = ["channels", "sessionsPerChannel", "historyDays"] as const
const sizeFlagNames = "--channels, --sessions-per-channel and --history-days"

/** `--world`'s world, when given (refused with a flag that sizes a generated world). */
const givenWorld = (
  input: MockFlags,
): Effect.Effect<WorldFile | undefined, CliError.ValidationError | WorldFileError> => {
  if (Option.isNone(input.world)) return Effect.succeed(undefined)
  if (sizeFlags.some((flag) => Option.isSome(input[flag]))) {
    return Effect.fail(
      new CliError.ValidationError({
        message: `--world gives the whole account; ${sizeFlagNames} size a generated one: give one or the other`,
      }),
    )
  }
  return readWorld(input.world.value)
}

/**
 * With `--dump-world`: writes the world to that file and ends. Otherwise starts the mock for the
 * life of the handler, prints where it is, and serves until interrupted. Fails with a
 * {@link ListenError} when it cannot listen (a taken port, a host not of this machine), before
 * listening with a usage error or a `WorldFileError` when `--world` is refused.
 */
export const serve = (
  input: MockFlags,
): Effect.Effect<void, ListenError | CliError.ValidationError | WorldFileError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const recorded = yield* recording(input)
    if (recorded !== undefined) return yield* record(input, recorded)
    const written = yield* givenWorld(input)
    const cassette = Option.isSome(input.cassette) ? yield* readCassette(input.cassette.value) : undefined
    const options = mockOptions(input, written, cassette)
    if (Option.isSome(input.dumpWorld)) {
      const mock = yield* Effect.try({ try: () => new PolyvMock(options), catch: refusedOptions })
      // With a cassette, the world its recorded session lists describe; else the mock's.
      const world = yield* Effect.try({
        try: () => cassette === undefined ? mock.dumpWorld() : worldFromCassette(cassette),
        catch: (error) => new CliError.ValidationError({ message: `--dump-world: ${(error as Error).message}` }),
      })
      yield* writeWorld(input.dumpWorld.value, world)
      const sessions = sessionsIn(world)
      return yield* Console.error(printableLines(
        `World written to ${input.dumpWorld.value} (${world.channels.length} channels, ${sessions} sessions); serve it with --world ${input.dumpWorld.value}${
          // The file holds only the public demo secret: any other must be given again.
          world.appSecret === undefined ? " --app-secret <the same secret> (the file does not hold it)" : ""}`,
      ))
    }
    // The mock is made once, by startServer (it needs the URL it listens on for report links).
    const running = yield* Effect.acquireRelease(
      listening(input, () =>
        startServer({
          ...options,
          host: input.host,
          port: input.port,
          allowHosts: input.allowHost,
          adminToken: Option.getOrUndefined(Option.map(input.adminToken, Redacted.value)),
        })),
      (served) =>
        Effect.promise(served.close).pipe(Effect.andThen(Console.error(`Polyv mock on ${served.url} closed.`))),
    )
    yield* Console.log(running.url)
    // Printable: the summary quotes flags (--seed, --app-id) as they were typed.
    yield* Console.error(printableLines(summary(running)))
    const warning = exposureWarning(input.host, Option.isSome(input.adminToken))
    if (warning !== undefined) yield* Console.error(printableLines(warning))
    return yield* Effect.never
  }).pipe(Effect.scoped)

/** The command under any name (`polyv-mock` for the bin, `mock` as a subcommand). */
export const make = <const Name extends string>(name: Name) =>
  Command.make(name, flags, serve).pipe(
    Command.withShortDescription("Run an offline Polyv on a local port (demo credentials by default)"),
    Command.withDescription(
      [
        "Runs an offline Polyv: the five statistics endpoints with real signature and timestamp",
        "  checks, over a generated account (users, channels, sessions) that the seed fixes, or the",
        "  account a world file describes (--world; --dump-world writes any world to one).",
        "",
        "  The first line on stdout is the URL it listens on; a summary (channel IDs, user IDs, how",
        "  to call it) goes to stderr. It serves until Ctrl-C / SIGTERM, then closes.",
        "",
        "  With --record URL --cassette FILE it is a proxy instead: each call to the five endpoints goes",
        "  to URL unchanged (your own signature), its answer comes back unchanged, and is saved to FILE",
        "  (endpoint, business parameters, status, body; never appId, timestamp, nonce, sign or secret).",
        `  Upstream down, too slow (${defaultUpstreamTimeoutMillis / 1000} s) or too large: 502, nothing saved.`,
        "  With --cassette FILE alone it replays FILE: a request it holds (same endpoint, same business",
        "  parameters) gets its recorded answer, once the mock's own appId, timestamp and sign checks pass;",
        "  one recorded several times gets them in order, then the last again. v4 request IDs are fresh.",
        `  Anything else falls back to the world (--strict: a loud ${unexpectedStatus}, listed by ${adminPrefix}unexpected).`,
        "",
        `  Unless --app-id / --app-secret say otherwise it accepts the public demo pair:`,
        `    appId ${demoCredentials.appId}, app secret ${demoCredentials.appSecret}`,
      ].join("\n"),
    ),
    Command.withExamples(({ commandPath }) => {
      const self = commandPath.join(" ")
      return [
        { command: self, description: "Serve on a free port with the demo credentials" },
        { command: `${self} --port 8787 --seed team-a`, description: "A fixed port and a reproducible account" },
        {
          command: `${self} --now 2026-01-15T08:00:00Z --channels 3 --http-status always200`,
          description: "A fixed instant, three channels, HTTP 200 on every v3 error as real v3 runs do",
        },
        {
          command: `${self} --world polyv-examples`,
          description: "The account of Polyv's own examples: each page's example request answers the page's data",
        },
        {
          command: `${self} --seed team-a --channels 3 --dump-world world.json && ${self} --world world.json`,
          description: "Write a generated world to a file (edit it at will), then serve the file",
        },
        {
          command: `${self} --faults server-error=0.05,reset=0.01,latency=0.1 --latency-ms 800`,
          description: "A flaky Polyv: 5% gateway errors, 1% dropped connections, 10% slow answers",
        },
        {
          command: `${self} --rate-limit 20/1s --rate-limit-block-seconds 0 --report-seconds 30`,
          description: "A tight rate limit, and reports that take 30 seconds to be ready",
        },
        {
          command: `${adminTokenEnv}=$(openssl rand -hex 16) ${self} --host 0.0.0.0 --allow-host polyv-mock`,
          description:
            "Reachable from other machines (e.g. a docker-compose service named polyv-mock): the admin API needs the token",
        },
        {
          command: `${self} --now 2026-01-15T08:00:00Z --stubs stubs.json --strict`,
          description:
            "Contract tests: the answers stubs.json chooses, and a loud 422 for any request naming what the world lacks",
        },
        {
          command: `${self} --record https://api.polyv.net --cassette polyv.cassette.json`,
          description:
            "Record real answers: point a client at the printed URL with your credentials; each call is forwarded unchanged and saved (never the secret or a sign)",
        },
        {
          command: `${self} --cassette polyv.cassette.json --strict`,
          description:
            "Replay it offline: the recorded answers, checked with the mock's credentials; a 422 for any call it did not record",
        },
        {
          command: `${self} > mock.url &`,
          description: "Scripts: run it in the background; the first line of mock.url is its URL",
        },
      ]
    }),
  )

/** `mock`, ready to mount as a subcommand. */
export const command = make("mock")
