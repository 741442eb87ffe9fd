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

/** The fields of either envelope that the client reads (a v3 envelope has only the first four). */
interface Fields {
  readonly code: number
  readonly status: string
  readonly data?: unknown
  readonly message?: string
  readonly requestId?: string
  readonly error?: { readonly code: number; readonly desc: string }
  readonly success?: boolean
}

/**
 * What differs between the two kinds when an answer is read: the schema that checks it (which
 * keeps only that kind's fields), and where a failure envelope says what went wrong.
 */
interface Kind {
  readonly decode: (input: unknown) => Result.Result<Fields, Schema.SchemaError>
  readonly reported: (envelope: Fields) => Pick<ApiErrorContext, "message" | "requestId" | "errorCode">
}

const kinds: { readonly [K in EnvelopeKind]: Kind } = {
  v3: {
    decode: Schema.decodeUnknownResult(V3),
    reported: (envelope) => ({ message: envelope.message ?? "" }),
  },
  v4: {
    decode: Schema.decodeUnknownResult(V4),
    reported: (envelope) => ({
      message: envelope.error?.desc ?? "",
      requestId: envelope.requestId,
      errorCode: envelope.error?.code,
    }),
  },
}

/**
 * Whether an envelope reports success: v4's `success` flag where it is given (a v3 envelope has
 * none), else `status: "success"` with code 200.
 */
const succeeded = (envelope: Fields) => envelope.success ?? (envelope.status === "success" && envelope.code === 200)

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

  const { decode, reported } = kinds[kind]
  const decoded = decode(json)
  if (Result.isFailure(decoded)) return Result.fail(unreadable(`not a ${kind} envelope: ${decoded.failure.message}`))
  const envelope = decoded.success
  if (succeeded(envelope)) return Result.succeed(envelope.data)
  return Result.fail(failure({ endpoint, httpStatus, code: envelope.code, ...reported(envelope) }, envelope.status))
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
