/**
 * The flags every API command shares — where Polyv is, whose account, how to print, how patient
 * to be — defined once here as effect/cli *global* setting flags, and declared on each API command
 * with {@link withApiFlags}.
 *
 * Global flags are accepted anywhere on the command line, before or after the command name:
 * `polyv-stats --format json sessions …` and `polyv-stats sessions --format json …` are the same.
 * They are declared on the API commands rather than on the root because effect/cli refuses a
 * parent's *shared* flag whose name a subcommand reuses, and `mock` has its own `--app-id` /
 * `--app-secret` (the credentials the mock accepts). Declared this way, a command's own flag wins
 * at its level (`mock --app-id …` is the mock's), and using an API flag with `mock` or `demo` is
 * an "unknown flag" error instead of being silently ignored.
 *
 * @module
 */
import { defaultBaseUrl, defaultDeadline, Pacing, type PolyvClientOptions, RetryPolicy } from "@polyv-stats/core"
import { Config, Duration, Effect, Option, Redacted, Schedule } from "effect"
import { Command, Flag, GlobalFlag } from "effect/cli"
import { UsageError } from "../errors/ExitCode.js"
import * as DataOut from "../output/DataOut.js"
import { type Format, formats, resolveFormat } from "../output/Format.js"
import type * as Records from "../output/Records.js"
import { defaultTimeFormat, type TimeFormat, timeFormats } from "../output/TimeFormat.js"
import * as Width from "../output/Width.js"
import { env } from "./Env.js"
import * as Values from "./values.js"

/**
 * Per-request timeout when `--timeout` is not given (also the cap per poll while waiting): core's
 * own default.
 */
export const defaultRequestTimeout = RetryPolicy.defaultTimeout

/** Retries after a transient failure when `--retries` is not given. */
export const defaultRetries = 2

export const BaseUrl = GlobalFlag.Setting("base-url")({
  flag: Flag.String("base-url").pipe(
    Flag.withMetavar("url"),
    Flag.withDescription(`Polyv API base URL (env ${env.baseUrl}; default ${defaultBaseUrl})`),
    Flag.withFallbackConfig(Config.String(env.baseUrl)),
    Flag.withDefault(defaultBaseUrl),
    Flag.filterMap(Values.url, () => Values.expected.url),
  ),
})

export const AppId = GlobalFlag.Setting("app-id")({
  flag: Flag.String("app-id").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription(`Your Polyv app ID (env ${env.appId})`),
    Flag.withFallbackConfig(Config.String(env.appId)),
    Flag.optional,
  ),
})

export const AppSecret = GlobalFlag.Setting("app-secret")({
  flag: Flag.Redacted("app-secret").pipe(
    Flag.withMetavar("secret"),
    Flag.withDescription(`Your Polyv app secret (env ${env.appSecret}; prefer the env var: flags show up in ps)`),
    Flag.withFallbackConfig(Config.Redacted(env.appSecret)),
    Flag.optional,
  ),
})

export const FormatFlag = GlobalFlag.Setting("format")({
  flag: Flag.Literals("format", formats).pipe(
    Flag.withDescription(
      "Output: table, json, ndjson (one object per line, streamed) or csv (default: table on a terminal, json otherwise)",
    ),
    Flag.optional,
  ),
})

export const Timeout = GlobalFlag.Setting("timeout")({
  flag: Flag.String("timeout").pipe(
    Flag.withMetavar("duration"),
    Flag.withDescription(
      `How long to wait for each answer from Polyv (default ${
        Duration.format(defaultRequestTimeout)
      }), and with report --download for each next part of the file (with --wait too); with report --wait, for the report to be ready (default ${
        Duration.format(defaultDeadline)
      }). E.g. 500ms, 20s, 5m`,
    ),
    Flag.filterMap(Values.duration, () => Values.expected.duration),
    Flag.optional,
  ),
})

export const Retries = GlobalFlag.Setting("retries")({
  flag: Flag.String("retries").pipe(
    Flag.withMetavar("n"),
    Flag.withDescription(
      `Retries after a network failure, a timeout, a 5xx or a rate limit, quickly backing off (default ${defaultRetries}; 0: none)`,
    ),
    Flag.filterMap(Values.wholeNumber, () => Values.expected.wholeNumber),
    Flag.withDefault(defaultRetries),
  ),
})

const { defaultRateLimit, polyvQuota } = Pacing

export const RateLimitFlag = GlobalFlag.Setting("rate-limit")({
  flag: Flag.String("rate-limit").pipe(
    Flag.withMetavar(`N/${Values.rateWindow}`),
    Flag.withDescription(
      `Send at most N requests per ${Values.rateWindow}, waiting when over (default ${defaultRateLimit.limit}/${Values.rateWindow}, below Polyv's quota of ${polyvQuota.limit}/${Values.rateWindow} per IP, over which Polyv blocks the IP for minutes). More than ${polyvQuota.limit} only with a --base-url that is not Polyv's (a mock, a proxy). E.g. --rate-limit 600/${Values.rateWindow} to leave room for other tools`,
    ),
    Flag.filterMap(Values.rateLimit, () => Values.expected.rateLimit),
    Flag.optional,
  ),
})

/** Whether `baseUrl` is Polyv's own host (the default base URL's), where the quota applies. */
export const isPolyvHost = (baseUrl: string): boolean =>
  new URL(baseUrl).hostname.toLowerCase() === new URL(defaultBaseUrl).hostname

/** `--rate-limit` over Polyv's quota is refused against Polyv's host: it would get the IP blocked. */
export const checkRateLimit = (
  given: Option.Option<Pacing.RateLimit>,
  baseUrl: string,
): Effect.Effect<Pacing.RateLimit, UsageError> => {
  if (Option.isNone(given)) return Effect.succeed(defaultRateLimit)
  const { limit } = given.value
  return limit > polyvQuota.limit && isPolyvHost(baseUrl)
    ? Effect.fail(
      new UsageError({
        message:
          `--rate-limit ${limit}/${Values.rateWindow} is over Polyv's quota of ${polyvQuota.limit} requests per ${Values.rateWindow} (over it Polyv blocks the IP); expected ${Values.expected.rateLimit}`,
      }),
    )
    : Effect.succeed(given.value)
}

export const Verbose = GlobalFlag.Setting("verbose")({
  flag: Flag.Boolean("verbose").pipe(
    Flag.withDescription("Print each request and answer on stderr (the sign is masked; the secret is never sent)"),
    Flag.withDefault(false),
  ),
})

export const Utc = GlobalFlag.Setting("utc")({
  flag: Flag.Boolean("utc").pipe(
    Flag.withDescription("Show table times in UTC instead of the local time zone"),
    Flag.withDefault(false),
  ),
})

export const TimeFormatFlag = GlobalFlag.Setting("time-format")({
  flag: Flag.Literals("time-format", timeFormats).pipe(
    Flag.withDescription(
      `Times in json, ndjson and csv: ms (milliseconds since 1970 UTC) or iso (ISO 8601 in China time, e.g. 2025-01-02T08:30:00+08:00) (default ${defaultTimeFormat})`,
    ),
    Flag.withDefault(defaultTimeFormat),
  ),
})

export const Output = GlobalFlag.Setting("output")({
  flag: Flag.String(DataOut.outputFlag.slice(2)).pipe(
    Flag.withAlias("o"),
    Flag.withMetavar("file"),
    Flag.withDescription(
      "Write the data to this file instead of stdout: whole or not at all (a failure or Ctrl-C leaves a file already there as it was; one is replaced once the data is complete). Default format: json",
    ),
    Flag.filterMap(Values.file, () => Values.expected.file),
    Flag.optional,
  ),
})

/** Every shared flag, in the order help lists them. */
export const all = [
  BaseUrl,
  AppId,
  AppSecret,
  FormatFlag,
  TimeFormatFlag,
  Output,
  Timeout,
  Retries,
  RateLimitFlag,
  Verbose,
  Utc,
] as const

/** Declares the shared flags on an API command. */
export const withApiFlags = Command.withGlobalFlags(all)

/** How the records of a command run are shown, `now` the time the durations of live sessions count to. */
export const viewOf = (settings: ApiSettings, now: number): Records.View => ({
  utc: settings.utc,
  now,
  timeFormat: settings.timeFormat,
  // A table written to a file is not on the terminal: whole cells.
  width: Option.isNone(settings.output) ? Width.terminal() : undefined,
})

/** The retry schedule for `--retries n`: someone is waiting at the terminal, so back off quickly. */
export const retryFor = (retries: number) =>
  retries === 0 ? false as const : {
    schedule: Schedule.exponential("200 millis").pipe(Schedule.upTo({ times: retries })),
  }

/** What an API command needs once the shared flags are checked. */
export interface ApiSettings {
  readonly client: PolyvClientOptions
  readonly format: Format
  readonly utc: boolean
  readonly timeFormat: TimeFormat
  /** Where the data goes: `--output`'s file, or none for stdout. */
  readonly output: Option.Option<string>
  readonly verbose: boolean
  /** What `--timeout` said, if anything. */
  readonly timeout: Option.Option<Duration.Duration>
}

const nonBlank = <A>(value: Option.Option<A>, text: (a: A) => string) =>
  Option.filter(value, (a) => text(a).trim() !== "")

/** Reads and checks the shared flags: credentials must be given (exit 2 naming what to set). */
export const resolve: Effect.Effect<
  ApiSettings,
  UsageError,
  | GlobalFlag.Setting.Identifier<"base-url">
  | GlobalFlag.Setting.Identifier<"app-id">
  | GlobalFlag.Setting.Identifier<"app-secret">
  | GlobalFlag.Setting.Identifier<"format">
  | GlobalFlag.Setting.Identifier<"time-format">
  | GlobalFlag.Setting.Identifier<"output">
  | GlobalFlag.Setting.Identifier<"timeout">
  | GlobalFlag.Setting.Identifier<"retries">
  | GlobalFlag.Setting.Identifier<"rate-limit">
  | GlobalFlag.Setting.Identifier<"verbose">
  | GlobalFlag.Setting.Identifier<"utc">
> = Effect.gen(function*() {
  const appId = nonBlank(yield* AppId, (s) => s)
  const appSecret = nonBlank(yield* AppSecret, Redacted.value)
  const missing = [
    ...(Option.isNone(appId) ? [`the app ID (--app-id or ${env.appId})`] : []),
    ...(Option.isNone(appSecret) ? [`the app secret (--app-secret or ${env.appSecret})`] : []),
  ]
  if (Option.isNone(appId) || Option.isNone(appSecret)) {
    return yield* new UsageError({
      message: `missing credentials: set ${missing.join(" and ")}. No account yet? Try: polyv-stats demo`,
    })
  }
  const timeout = yield* Timeout
  const output = yield* Output
  const baseUrl = yield* BaseUrl
  const rateLimit = yield* checkRateLimit(yield* RateLimitFlag, baseUrl)
  return {
    client: {
      baseUrl,
      rateLimit,
      appId: appId.value.trim(),
      appSecret: appSecret.value,
      retry: retryFor(yield* Retries),
      timeout: Option.getOrElse(timeout, () => defaultRequestTimeout),
    },
    format: resolveFormat(yield* FormatFlag, Option.isNone(output) && process.stdout.isTTY === true),
    output,
    utc: yield* Utc,
    timeFormat: yield* TimeFormatFlag,
    verbose: yield* Verbose,
    timeout,
  }
})
