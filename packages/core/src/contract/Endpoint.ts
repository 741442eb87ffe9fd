/**
 * What the project knows about one Polyv endpoint, written once. The client, the mock server,
 * the CLI and the docs all derive their behaviour from these descriptions.
 *
 * @module
 */
import type { Effect, Schema } from "effect"
import type { EnvelopeKind } from "../envelope/Envelope.js"
import type { ApiFailureTag } from "../errors/ApiFailures.js"
import type { CallError } from "../errors/CallError.js"

/** HTTP methods an endpoint accepts. */
export type Method = "GET" | "POST"

/**
 * The body `code` each failure has on an endpoint, as its page shows it (or, where the page is
 * silent, as `spec/seeds/README.md` decides). Only the failures listed can happen there.
 */
export type ErrorCodes = { readonly [K in ApiFailureTag]?: number }

/**
 * The parameter fields of an endpoint: `Type` is what users pass, `Encoded` the wire strings, and
 * encoding needs no service (the client encodes with no context).
 */
export type ParamFields = { readonly [name: string]: Schema.Codec<any, string | undefined> }

/** An endpoint's business parameters: a struct of {@link ParamFields}. */
export type ParamsSchema = Schema.Struct<ParamFields>

/** One endpoint. */
export interface Endpoint<
  Name extends string = string,
  Params extends ParamsSchema = ParamsSchema,
  Data extends Schema.Codec<any, any> = Schema.Codec<any, any>,
> {
  /** A camelCase name used for the client method, spans, errors and CLI wiring. */
  readonly name: Name
  /** Polyv's own title of the page, and an English one. */
  readonly title: { readonly zh: string; readonly en: string }
  /** The seed page this description comes from. */
  readonly seed: string
  readonly path: string
  /** The first method is the one the client uses. */
  readonly methods: readonly [Method, ...Array<Method>]
  readonly envelope: EnvelopeKind
  /** The business parameters (not `appId`, `timestamp`, `sign`, which every call carries). */
  readonly params: Params
  /** The schema of `data` in a success envelope. */
  readonly data: Data
  readonly errorCodes: ErrorCodes
}

/** Any endpoint. */
export type AnyEndpoint = Endpoint<string, ParamsSchema, Schema.Codec<any, any>>

/** The parameters a caller passes to an endpoint. */
export type ParamsOf<E extends AnyEndpoint> = E["params"]["Type"]

/** The decoded `data` of an endpoint's success envelope. */
export type DataOf<E extends AnyEndpoint> = E["data"]["Type"]

/**
 * A call to one endpoint: what the client gives for each, and what a feature built on one
 * endpoint (the session stream, the report waiter, the durations batcher) is given.
 */
export type Call<E extends AnyEndpoint> = (params: ParamsOf<E>) => Effect.Effect<DataOf<E>, CallError>

/** One business parameter of an endpoint, as its schema declares it. */
export interface ParamField {
  readonly name: string
  readonly schema: Schema.Top
  /** Declared with `Schema.optionalKey`: a call may leave it out. */
  readonly optional: boolean
}

/**
 * An endpoint's business parameters, in the order its schema declares them. The mock checks
 * requests and writes its OpenAPI document from it.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 *
 * Contract.paramFields(Contract.sessionList).filter((f) => !f.optional).map((f) => f.name) // ["channelId"]
 * ```
 */
export const paramFields = (endpoint: AnyEndpoint): ReadonlyArray<ParamField> =>
  Object.entries(endpoint.params.fields)
    .map(([name, schema]) => ({ name, schema, optional: schema.ast.context?.isOptional === true }))

/**
 * The codes every v3 page shows for the common failures; endpoint modules override what their
 * page shows differently. Rate limiting is not on any page: 429 is our choice (the client
 * classifies by message, so the number only informs people reading raw responses).
 */
export const commonErrorCodes = {
  AppIdRequired: 400,
  ApplicationNotFound: 400,
  InvalidTimestamp: 400,
  InvalidSignature: 400,
  ParamValidateError: 400,
  RateLimited: 429,
  ServerError: 500,
} as const satisfies ErrorCodes
