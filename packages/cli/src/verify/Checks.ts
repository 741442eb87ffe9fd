/**
 * The checks `polyv-stats verify` runs, as data: one table, derived from the contract. Each check
 * is exactly one request, so the number of requests a run sends is at most {@link checks}' length
 * (a check whose input is unknown is skipped and sends nothing).
 *
 * Design. For each of the five endpoints (in {@link order}):
 * - one valid call, with parameters from the account (a channel from `--channel`; a session from
 *   `--session` or the session list's first ended session; users from `--users` or the mic
 *   history's `userId`): the envelope and `data` are decoded with the contract's schemas;
 * - each documented authentication failure the endpoint's `errorCodes` list (no appId, an unknown
 *   appId, a timestamp a minute past Polyv's window, a wrong sign): the code that endpoint's page documents and
 *   the message of `ApiFailures`.
 * Then an unknown channel on each endpoint that takes a channel and documents `IllegalChannelId`,
 * and a span of `maxSpanDays + 1` days on the session list (`ParamValidateError`).
 *
 * @module
 */
import { ApiFailures, ChinaTime, Contract, Signer } from "@polyv-stats/core"

type Name = Contract.EndpointName

/** What the account gave or the valid calls found: the values a request is built from. */
export interface Known {
  readonly channel: string
  /** An ended session of the channel, if one is known. */
  readonly session: string | undefined
  /** Users of the account; the mic history tells the main one. */
  readonly users: ReadonlyArray<string> | undefined
  /** The instant the run started (ms). */
  readonly now: number
}

/** A channel no account has (core's, shared with its examples). */
export const unknownChannel = ApiFailures.unknownChannelId
/**
 * A well-formed stand-in ID where the account's own is not known: an unknown session (only the
 * request's authentication is checked) or an unknown user (Polyv counts nothing for it).
 */
const placeholderId = "verify"
/** An appId no account has. */
export const unknownAppId = "polyvstatsverify"
/** A secret that is not the account's: its sign is well formed and wrong. */
export const wrongSecret = "polyv-stats-verify-wrong-secret"
/** How old the stale timestamp is: past Polyv's window. */
export const staleMillis = Signer.timestampWindowMillis + 60_000
/** The span the session list must refuse. */
export const overSpanDays = Contract.maxSpanDays + 1
/** The yunduo range of the valid call: the last week, China days. */
const yunduoDays = 7

/** Each endpoint's parameters for a valid call; a sixth endpoint does not compile until it has its row. */
const validParams: { readonly [K in Name]: (known: Known) => Contract.ParamsOf<Contract.EndpointsByName[K]> } = {
  sessionList: (k) => ({ channelId: k.channel }),
  micHistory: () => ({}),
  liveDurations: (k) => ({ channelIds: [k.channel] }),
  yunduoSummary: (k) => ({
    users: k.users ?? [placeholderId],
    start: ChinaTime.formatDate(k.now - yunduoDays * ChinaTime.dayMillis),
    end: ChinaTime.formatDate(k.now),
  }),
  exportReport: (k) => ({ channelId: k.channel, sessionId: k.session ?? placeholderId }),
}

/** What a valid call needs that the account may not have given: when `missing`, it is skipped, saying `why`. */
export interface Need {
  readonly missing: (known: Known) => boolean
  readonly why: string
}

/** The valid calls that need more than `--channel`: the report needs an ended session. */
const validNeeds: { readonly [K in Name]?: Need } = {
  exportReport: {
    missing: (k) => k.session === undefined,
    why: "no ended session in the session list: give --session",
  },
}

/**
 * The order of the valid calls: the session list and the mic history first, as they find the
 * session and the users the later calls need.
 */
export const order: ReadonlyArray<Name> = [
  "sessionList",
  "micHistory",
  "liveDurations",
  "yunduoSummary",
  "exportReport",
]

/** How a wrong request differs from a valid one. */
export interface Wrong {
  /** The appId sent ("" sends none). */
  readonly appId?: (appId: string) => string
  /** Signs with another secret. */
  readonly wrongSecret?: true
  /** Milliseconds the timestamp is in the past. */
  readonly age?: number
  /** Other parameters. */
  readonly known?: (known: Known) => Known
  readonly span?: number
}

/** One check: one request to one endpoint, and what the contract expects of its answer. */
export interface Check {
  /** The check's name, unique: `<endpoint>: <what>`. */
  readonly id: string
  readonly endpoint: Contract.KnownEndpoint
  /** `undefined`: a valid call, which must succeed. Else the failure the page documents. */
  readonly refusal: ApiFailures.ApiFailureTag | undefined
  readonly wrong: Wrong
  /** What it needs beyond `--channel` (a valid call only): without it, it is skipped. */
  readonly needs?: Need | undefined
}

/** The authentication failures, in the order Polyv checks them, and how to provoke each. */
const authFailures: ReadonlyArray<
  { readonly what: string; readonly tag: ApiFailures.ApiFailureTag; readonly wrong: Wrong }
> = [
  { what: "no appId", tag: "AppIdRequired", wrong: { appId: () => "" } },
  { what: "unknown appId", tag: "ApplicationNotFound", wrong: { appId: () => unknownAppId } },
  {
    what: `timestamp ${staleMillis / 60_000} minutes old`,
    tag: "InvalidTimestamp",
    wrong: { age: staleMillis },
  },
  { what: "wrong sign", tag: "InvalidSignature", wrong: { wrongSecret: true } },
]

/** Whether an endpoint takes a channel: an unknown one must be refused as `IllegalChannelId`. */
const takesChannel = (endpoint: Contract.KnownEndpoint) =>
  Contract.paramFields(endpoint).some((f) => f.name === "channelId" || f.name === "channelIds")

const byName = (name: Name): Contract.KnownEndpoint => Contract.byName[name]

/** The code an endpoint's page documents for a failure, if the failure can happen there. */
export const documentedCode = (endpoint: Contract.AnyEndpoint, tag: ApiFailures.ApiFailureTag): number | undefined =>
  (endpoint.errorCodes as Contract.ErrorCodes)[tag]

/** Every check, in the order they run. */
export const checks: ReadonlyArray<Check> = [
  ...order.map((name): Check => ({
    id: `${name}: valid call`,
    endpoint: byName(name),
    refusal: undefined,
    wrong: {},
    needs: validNeeds[name],
  })),
  ...order.flatMap((name) =>
    authFailures
      .filter(({ tag }) => documentedCode(byName(name), tag) !== undefined)
      .map(({ what, tag, wrong }): Check => ({ id: `${name}: ${what}`, endpoint: byName(name), refusal: tag, wrong }))
  ),
  ...order
    .filter((name) => takesChannel(byName(name)) && documentedCode(byName(name), "IllegalChannelId") !== undefined)
    .map((name): Check => ({
      id: `${name}: unknown channel`,
      endpoint: byName(name),
      refusal: "IllegalChannelId",
      wrong: { known: (k) => ({ ...k, channel: unknownChannel }) },
    })),
  {
    id: `sessionList: ${overSpanDays}-day span`,
    endpoint: Contract.sessionList,
    refusal: "ParamValidateError",
    wrong: { span: overSpanDays },
  },
]

/** The most requests a run sends: one a check. */
export const maxRequests = checks.length

/** The business parameters of a check's request. */
export const paramsOf = (check: Check, known: Known): Contract.ParamsOf<Contract.KnownEndpoint> => {
  const k = check.wrong.known ? check.wrong.known(known) : known
  const params = validParams[check.endpoint.name](k) as Record<string, unknown>
  const span = check.wrong.span
  return span === undefined
    ? params as Contract.ParamsOf<Contract.KnownEndpoint>
    : {
      ...params as Contract.ParamsOf<typeof Contract.sessionList>,
      startDate: new Date(k.now - span * ChinaTime.dayMillis),
      endDate: new Date(k.now),
    }
}

/** Why a valid call cannot be made yet (nothing is sent), or `undefined`. */
export const missingFor = (check: Check, known: Known): string | undefined =>
  check.needs?.missing(known) ? check.needs.why : undefined

/** The value a refusal's message names (`illegal channel id: %s`). */
export const refusalValue = (check: Check, known: Known): string | undefined =>
  check.refusal === "IllegalChannelId" ? (check.wrong.known ? check.wrong.known(known) : known).channel : undefined
