/**
 * A cassette: real answers recorded by `polyv-mock --record` (see `Recorder.ts`), one exchange per
 * call to one of the five endpoints, in the order they were answered. It holds what a replay needs
 * to answer the same call again: the endpoint (by name, from core's contract), the method, the
 * business parameters, and the answer as it came (status, content type, body text, byte for byte).
 *
 * It never holds what signs a request: the signing parameters (core's `Signer`: `appId`,
 * `timestamp`, `sign`, `signatureMethod`, `signatureNonce`) are dropped, and the app secret and
 * the request's `sign` are cut out of whatever else is kept (a body that echoes the request).
 * A replay checks a request's signature with its own credentials, as the mock always does.
 *
 * The file is JSON, versioned by `format` and `version`: a reader refuses any other.
 *
 * @example
 * ```ts
 * import { Cassette } from "@polyv-stats/mock-server"
 * import { Schema } from "effect"
 *
 * const cassette = Schema.decodeUnknownSync(Cassette.Cassette)({
 *   format: Cassette.format,
 *   version: Cassette.version,
 *   exchanges: [],
 * })
 * cassette.exchanges.length // 0
 * ```
 * @module
 */
import { Contract, Signer } from "@polyv-stats/core"
import { Schema } from "effect"
import { setOwn } from "../protocol/OwnRecord.js"
import { issueLines, WorldFileError } from "../world/WorldFile.js"

/** What a cassette file says it is. */
export const format = "polyv-mock-cassette"

/** The version of the format this mock writes and reads. */
export const version = 1

/** The parameters every signed request carries and none of which is business: never recorded. */
export const signingParams: ReadonlySet<string> = new Set([
  Signer.appIdParam,
  Signer.timestampParam,
  Signer.signParam,
  Signer.methodParam,
  Signer.nonceParam,
])

const endpointNames = Contract.endpoints.map((endpoint) => endpoint.name) as [
  Contract.EndpointName,
  ...Array<Contract.EndpointName>,
]

/** One recorded call and its answer. */
export const Exchange = Schema.Struct({
  /** Which of the five endpoints (its name in core's contract). */
  endpoint: Schema.Literals(endpointNames),
  method: Schema.Literals(["GET", "POST"]),
  /** The business parameters as sent (wire strings): no signing parameter. */
  params: Schema.Record(Schema.String, Schema.String),
  /** Upstream's HTTP status. */
  status: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 100, maximum: 599 }))),
  /** Upstream's `Content-Type`, when it sent one. */
  contentType: Schema.optionalKey(Schema.String),
  /** Upstream's body as text (UTF-8). */
  body: Schema.String,
  /** When it was answered (ISO 8601, UTC). */
  recordedAt: Schema.String,
})
export type Exchange = typeof Exchange.Type

/** A whole cassette. */
export const Cassette = Schema.Struct({
  format: Schema.Literal(format),
  version: Schema.Literal(version),
  /** The upstream recorded from (origin only: no path, query or credentials). */
  upstream: Schema.optionalKey(Schema.String),
  exchanges: Schema.Array(Exchange),
})
export type Cassette = typeof Cassette.Type

/** The endpoint a path names, or `undefined` for any other path. */
export const endpointAt = (path: string): Contract.KnownEndpoint | undefined => byPath.get(path)

const byPath: ReadonlyMap<string, Contract.KnownEndpoint> = new Map(
  Contract.endpoints.map((endpoint) => [endpoint.path, endpoint]),
)

/** A request's parameters without the signing ones (the first value of a repeated name counts). */
export const businessParams = (params: ReadonlyMap<string, string>): Record<string, string> => {
  const kept: Record<string, string> = {}
  // setOwn: a parameter named `__proto__` is kept as a parameter, as the mock's own reading keeps it.
  for (const [name, value] of params) if (!signingParams.has(name)) setOwn(kept, name, value)
  return kept
}

/**
 * What a request is matched by on replay: its endpoint and its business parameters (as
 * {@link businessParams} keeps them), in any order. The recorder saves exactly those, so a
 * recorded exchange and a request made again have the same key.
 */
export const matchKey = (endpoint: Contract.EndpointName, params: Readonly<Record<string, string>>): string => {
  const names = Object.keys(params).toSorted()
  let key = endpoint
  for (const name of names) key += `&${encodeURIComponent(name)}=${encodeURIComponent(params[name]!)}`
  return key
}

const decodeAll = Schema.decodeUnknownResult(Cassette, { errors: "all", onExcessProperty: "error", reportInput: true })

/**
 * A cassette (parsed JSON) checked whole: the cassette, or a `WorldFileError` (the refusal world
 * files get) listing every problem with its path, e.g. `exchanges[0].status: Expected …`.
 */
export const cassetteOrThrow = (input: unknown, source = "the cassette"): Cassette => {
  const decoded = decodeAll(input)
  if (decoded._tag === "Failure") throw new WorldFileError({ problems: issueLines(decoded.failure.issue), source })
  return decoded.success
}

/** A cassette as the file's text: JSON, two-space indented, ending with a newline. */
export const toText = (cassette: Cassette): string => `${JSON.stringify(cassette, null, 2)}\n`

/** A cassette's text read back: fails with a `SchemaError` naming the path of what is wrong. */
export const fromText = Schema.decodeUnknownSync(Schema.fromJsonString(Cassette))
