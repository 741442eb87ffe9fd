/**
 * Polyv's two response envelopes. v3: `{code, status, message, data}` with `data: ""` on errors.
 * v4: `{code, status, requestId, data | error, success}`. The builders are what the mock sends;
 * {@link read} is how the client takes an answer apart, whatever the HTTP status.
 *
 * @module
 */
import { Result, Schema } from "effect"
import * as ApiFailures from "../errors/ApiFailures.js"
import {
  type ApiErrorContext,
  fromApiFailure,
  type PolyvError,
  ServerError,
  UnexpectedResponse,
} from "../errors/PolyvError.js"
import { cutShortJson, isCutShortJson } from "./CutShort.js"

/** The two envelope generations. */
export type EnvelopeKind = "v3" | "v4"

/** The v3 envelope as decoded (`data` is read separately, by the endpoint's schema). */
export const V3 = Schema.Struct({
  code: Schema.Number,
  status: Schema.String,
  message: Schema.optionalKey(Schema.String),
  data: Schema.optionalKey(Schema.Unknown),
})

/** The v4 envelope as decoded. */
export const V4 = Schema.Struct({
  code: Schema.Number,
  status: Schema.String,
  requestId: Schema.optionalKey(Schema.String),
  data: Schema.optionalKey(Schema.Unknown),
  error: Schema.optionalKey(Schema.Struct({ code: Schema.Number, desc: Schema.String })),
  success: Schema.optionalKey(Schema.Boolean),
})

/** A v3 success body. */
export const v3Success = (data: unknown) => ({ code: 200, status: "success", message: "", data })

/** A v3 error body: `data` is the empty string, as on every seed page. */
export const v3Error = (code: number, message: string, status: "error" | "fail" = "error") => ({
  code,
  status,
  message,
  data: "",
})

/** A v4 success body. */
export const v4Success = (requestId: string, data: unknown) => ({
  code: 200,
  status: "success",
  requestId,
  data,
  success: true,
})

/** A v4 error body. */
export const v4Error = (code: number, requestId: string, errorCode: number, desc: string) => ({
  code,
  status: "error",
  requestId,
  error: { code: errorCode, desc },
  success: false,
})

const decodeV3 = Schema.decodeUnknownResult(V3)
const decodeV4 = Schema.decodeUnknownResult(V4)

type Fields = Record<string, unknown>

const isRecord = (u: unknown): u is Fields => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * The schemas' checks by hand, for the common case (JSON with every field of the right type): a
 * body passing them decodes to the same fields. Anything else takes the schema's path.
 */
const isV3 = (u: unknown): u is typeof V3.Type =>
  isRecord(u) && typeof u.code === "number" && typeof u.status === "string" &&
  (!("message" in u) || typeof u.message === "string")

const isV4 = (u: unknown): u is typeof V4.Type =>
  isRecord(u) && typeof u.code === "number" && typeof u.status === "string" &&
  (!("requestId" in u) || typeof u.requestId === "string") &&
  (!("success" in u) || typeof u.success === "boolean") &&
  (!("error" in u) || (isRecord(u.error) && typeof u.error.code === "number" && typeof u.error.desc === "string"))

const bodyPreview = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text)

/**
 * Reads an answer: parses the body as JSON, checks the envelope and returns the raw `data` on
 * success. A reported failure becomes its tagged error (classified by message, then by v4
 * `error.code`, never by the numeric code alone); a body cut short (JSON that ends mid-way, see
 * `CutShort`) becomes a `TransportError`; any other body that is not an envelope becomes
 * `ServerError` on a 5xx status and `UnexpectedResponse` otherwise.
 */
export const read = (
  kind: EnvelopeKind,
  endpoint: string,
  httpStatus: number,
  bodyText: string,
): Result.Result<unknown, PolyvError> => {
  const unreadable = (why: string): PolyvError =>
    httpStatus >= 500
      ? new ServerError({ endpoint, httpStatus, code: httpStatus, message: `HTTP ${httpStatus}: ${why}` })
      : new UnexpectedResponse({ endpoint, httpStatus, message: why, body: bodyPreview(bodyText) })

  let json: unknown
  try {
    json = JSON.parse(bodyText)
  } catch {
    // JSON that ends mid-way did not come whole: a transport failure, retried (see `CutShort`).
    if (isCutShortJson(bodyText)) return Result.fail(cutShortJson(endpoint, httpStatus, bodyText))
    return Result.fail(unreadable(bodyText.trim() === "" ? "the body is empty" : "the body is not JSON"))
  }

  if (kind === "v3") {
    let env: typeof V3.Type
    if (isV3(json)) env = json
    else {
      // Whatever the fast check does not accept goes through the schema, which words the error.
      const decoded = decodeV3(json)
      if (Result.isFailure(decoded)) return Result.fail(unreadable(`not a v3 envelope: ${decoded.failure.message}`))
      env = decoded.success
    }
    if (env.status === "success" && env.code === 200) return Result.succeed(env.data)
    return Result.fail(failure({ endpoint, httpStatus, code: env.code, message: env.message ?? "" }, env.status))
  }

  let env: typeof V4.Type
  if (isV4(json)) env = json
  else {
    const decoded = decodeV4(json)
    if (Result.isFailure(decoded)) return Result.fail(unreadable(`not a v4 envelope: ${decoded.failure.message}`))
    env = decoded.success
  }
  if (env.success === true || (env.success === undefined && env.status === "success" && env.code === 200)) {
    return Result.succeed(env.data)
  }
  return Result.fail(failure({
    endpoint,
    httpStatus,
    code: env.code,
    message: env.error?.desc ?? "",
    requestId: env.requestId,
    errorCode: env.error?.code,
  }, env.status))
}

const failure = (context: ApiErrorContext, status: string): PolyvError => {
  const byMessage = ApiFailures.classifyMessage(context.message)
  if (byMessage) return fromApiFailure(byMessage.tag, context, byMessage.value)
  const byCode = context.errorCode === undefined ? undefined : ApiFailures.classifyV4Code(context.errorCode)
  if (byCode) return fromApiFailure(byCode, context, "")
  if (status === "fail" || context.code >= 500 || context.httpStatus >= 500) return new ServerError(context)
  return new UnexpectedResponse({
    endpoint: context.endpoint,
    httpStatus: context.httpStatus,
    message: `unknown error ${context.code}: ${context.message}`,
    body: bodyPreview(JSON.stringify(context)),
  })
}
