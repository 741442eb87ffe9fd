/**
 * The flags every API command shares — where Polyv is, whose account, how to print — defined
 * once here and spread into each API command's flags (`{ ...GlobalFlags.api, … }`).
 *
 * They are not `withSharedFlags` on the root: effect/cli refuses a parent flag whose name a
 * subcommand reuses, and `mock` has its own `--app-id` / `--app-secret` (the credentials the mock
 * accepts). Keeping them per API command also keeps them out of `demo` and `mock`.
 *
 * @module
 */
import { defaultBaseUrl, type PolyvClientOptions } from "@polyv-stats/core"
import { Config, Effect, Option, Redacted, Schedule } from "effect"
import { Command, Flag } from "effect/cli"
import { UsageError } from "../errors/ExitCode.js"
import { type Format, resolveFormat } from "../output/Format.js"
import * as Values from "./values.js"

export const env = {
  baseUrl: "POLYV_BASE_URL",
  appId: "POLYV_APP_ID",
  appSecret: "POLYV_APP_SECRET",
} as const

/** The shared flags. */
export const api = {
  baseUrl: Flag.String("base-url").pipe(
    Flag.withMetavar("url"),
    Flag.withDescription(`Polyv API base URL (env ${env.baseUrl}; default ${defaultBaseUrl})`),
    Flag.withFallbackConfig(Config.String(env.baseUrl)),
    Flag.withDefault(defaultBaseUrl),
    Flag.filterMap(Values.url, () => Values.expected.url),
  ),
  appId: Flag.String("app-id").pipe(
    Flag.withMetavar("id"),
    Flag.withDescription(`Your Polyv app ID (env ${env.appId})`),
    Flag.withFallbackConfig(Config.String(env.appId)),
    Flag.optional,
  ),
  appSecret: Flag.Redacted("app-secret").pipe(
    Flag.withMetavar("secret"),
    Flag.withDescription(`Your Polyv app secret (env ${env.appSecret}; prefer the env var, flags show up in ps)`),
    Flag.withFallbackConfig(Config.Redacted(env.appSecret)),
    Flag.optional,
  ),
  format: Flag.Literals("format", ["table", "json"]).pipe(
    Flag.withDescription("Output format (default: table on a terminal, json when piped)"),
    Flag.optional,
  ),
}

export type ApiFlags = Command.Command.Config.Infer<typeof api>

/**
 * Someone is waiting at the terminal: retry transient failures (network, 5xx, rate limit) twice,
 * quickly, rather than the library's patient default, so a wrong --base-url fails within a second.
 */
export const retry = { schedule: Schedule.exponential("200 millis").pipe(Schedule.upTo({ times: 2 })) }

/** What an API command needs once the shared flags are checked. */
export interface ApiSettings {
  readonly client: PolyvClientOptions
  readonly format: Format
}

const nonBlank = <A>(value: Option.Option<A>, text: (a: A) => string) =>
  Option.filter(value, (a) => text(a).trim() !== "")

/** Checks the shared flags: credentials must be given (exit 2 naming what to set). */
export const resolve = (flags: ApiFlags): Effect.Effect<ApiSettings, UsageError> =>
  Effect.gen(function*() {
    const appId = nonBlank(flags.appId, (s) => s)
    const appSecret = nonBlank(flags.appSecret, Redacted.value)
    const missing = [
      ...(Option.isNone(appId) ? [`the app ID (--app-id or ${env.appId})`] : []),
      ...(Option.isNone(appSecret) ? [`the app secret (--app-secret or ${env.appSecret})`] : []),
    ]
    if (Option.isNone(appId) || Option.isNone(appSecret)) {
      return yield* new UsageError({
        message: `missing credentials: set ${missing.join(" and ")}. No account yet? Try: polyv-stats demo`,
      })
    }
    return {
      client: { baseUrl: flags.baseUrl, appId: appId.value.trim(), appSecret: appSecret.value, retry },
      format: resolveFormat(flags.format),
    }
  })
