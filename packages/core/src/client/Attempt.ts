/**
 * One attempt at one call: encode the parameters, read the clock, sign, send, read the envelope,
 * decode the data. Runs afresh on every retry, so every attempt carries a fresh timestamp and sign
 * (a retry three minutes later must not reuse an expired signature).
 *
 * @module
 */
import {
  Clock,
  Context,
  Duration,
  Effect,
  type Fiber,
  LogLevel,
  Random,
  Redacted,
  References,
  Result,
  SchemaIssue,
  Tracer,
} from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { compiledOnce } from "../contract/compiledOnce.js"
import type { AnyEndpoint, DataOf, ParamsOf } from "../contract/Endpoint.js"
import { fastDecoder } from "../contract/FastDecode.js"
import { encodeParamsResult } from "../contract/ParamsEncoding.js"
import * as CutShort from "../envelope/CutShort.js"
import * as Envelope from "../envelope/Envelope.js"
import type { CallError } from "../errors/CallError.js"
import { type PolyvError, TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import * as Signer from "../signing/Signer.js"
import * as AnswerLimit from "../transport/AnswerLimit.js"
import { describeFailure, type HttpFailure, systemError } from "../transport/FailureText.js"
import { timeoutOrElse } from "./AttemptTimeout.js"
import { type Credentials, signParams } from "./RequestSigning.js"

/** What an attempt needs besides the endpoint and its parameters. */
export interface AttemptSettings extends Credentials {
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly signatureNonce: boolean
  readonly timeout: Duration.Duration
}

const formatIssue = SchemaIssue.makeFormatterDefault()

/** 32 hex digits from Effect's `Random`, so tests can seed it. */
const randomNonce = Effect.map(
  Effect.all(Array.from({ length: 4 }, () => Random.nextIntBetween(0, 0xffffffff))),
  (words) => words.map((w) => w.toString(16).padStart(8, "0")).join(""),
)

/** Each endpoint's data decoder (the schema's, with its fast path), compiled on first use. */
const decoderFor = compiledOnce((schema: AnyEndpoint["data"]) => fastDecoder(schema))
const decoderOf = (endpoint: AnyEndpoint) => decoderFor(endpoint.data)

/** Whether debug logs would be kept: if not, the log and its annotations are not even built. */
const debugEnabled = (fiber: Fiber.Fiber<unknown, unknown>) =>
  !LogLevel.isGreaterThan(fiber.getRef(References.MinimumLogLevel), "Debug")

/** Effect's HttpClient span is off for our requests: `polyv.<endpoint>` is the span of a call. */
const noHttpSpan = () => true

/** Builds the attempt function over an `HttpClient`. */
export const makeAttempt = (http: HttpClient.HttpClient, settings: AttemptSettings) => {
  const timeoutMessage = `no answer within ${Duration.format(settings.timeout)}`
  return <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>): Effect.Effect<DataOf<E>, CallError> => {
    const transportError = (error: HttpFailure) => {
      const { response } = error.reason
      if (response === undefined) {
        const system = systemError(error)
        return new TransportError({
          endpoint: endpoint.name,
          message: describeFailure(error),
          code: system?.code,
          cause: system,
        })
      }
      // A body refused for its size is not cut short: it is no answer of Polyv's, and never retried.
      const tooLarge = AnswerLimit.causeOf(error)
      if (tooLarge !== undefined) {
        return new UnexpectedResponse({
          endpoint: endpoint.name,
          httpStatus: response.status,
          message: tooLarge.message,
          body: "",
          bodyLimit: tooLarge.limit,
        })
      }
      // Any other failure with the answer in hand happened reading its body: it was cut short.
      return CutShort.bodyReadFailed(endpoint.name, response.status, describeFailure(error))
    }
    const send = (wire: Readonly<Record<string, string | undefined>>, nonce: string | undefined) =>
      Effect.withFiber((fiber) => {
        // Whole milliseconds: Polyv wants 13 digits, and a clock may report fractions (TestClock does).
        const timestamp = Math.floor(fiber.getRef(Clock.Clock).currentTimeMillisUnsafe())
        const { params: signedParams, sign } = signParams(settings, wire, timestamp, nonce)
        // The sign goes out `Redacted`: sent unwrapped, but shown as <redacted> in any inspection of
        // the request (and in the HTTP client's spans, where a caller turns them back on).
        const urlParams = [...signedParams, [Signer.signParam, Redacted.make(sign)] as const]
        const request = HttpClientRequest.get(settings.baseUrl + endpoint.path, { urlParams, acceptJson: true })
        const debug = debugEnabled(fiber)
        // The call's span (`polyv.<endpoint>`) gets the HTTP status the HTTP client's span would have had.
        const span = Context.getOrUndefined(fiber.context, Tracer.ParentSpan)
        const execute = http.execute(request).pipe(
          Effect.provideService(HttpClient.TracerDisabledWhen, noHttpSpan),
          Effect.mapError(transportError),
        )
        const sent = debug
          ? Effect.andThen(
            Effect.logDebug("polyv request").pipe(Effect.annotateLogs({ endpoint: endpoint.name, ...wire })),
            execute,
          )
          : execute
        return Effect.flatMap(
          sent,
          (response) =>
            Effect.flatMap(Effect.mapError(AnswerLimit.readText(response), transportError), (body) => {
              if (span?._tag === "Span") span.attribute("http.response.status_code", response.status)
              // A server may echo the request URL (and so the sign) in its body; errors quote the body.
              const text = body.includes(sign) ? body.split(sign).join("<redacted>") : body
              const decoded = decode(response.status, text)
              return debug
                ? Effect.andThen(
                  Effect.logDebug("polyv response").pipe(
                    Effect.annotateLogs({ endpoint: endpoint.name, status: response.status, bytes: text.length }),
                  ),
                  decoded,
                )
                : decoded
            }),
        )
      })
    const decode = (httpStatus: number, text: string): Effect.Effect<DataOf<E>, PolyvError> => {
      const data = Envelope.read(endpoint.envelope, endpoint.name, httpStatus, text)
      if (Result.isFailure(data)) return Effect.fail(data.failure)
      const decoded = decoderOf(endpoint)(data.success)
      if (Result.isSuccess(decoded)) return Effect.succeed(decoded.success as DataOf<E>)
      return Effect.fail(
        new UnexpectedResponse({
          endpoint: endpoint.name,
          httpStatus,
          message: `data does not match the ${endpoint.name} contract: ${formatIssue(decoded.failure.issue)}`,
          body: text.slice(0, 200),
        }),
      )
    }
    const attempt = Effect.suspend((): Effect.Effect<DataOf<E>, CallError> => {
      const wire = encodeParamsResult(endpoint, params)
      if (Result.isFailure(wire)) return Effect.fail(wire.failure)
      return settings.signatureNonce
        ? Effect.flatMap(randomNonce, (nonce) => send(wire.success, nonce))
        : send(wire.success, undefined)
    })
    return timeoutOrElse(
      attempt,
      settings.timeout,
      () => Effect.fail(new TransportError({ endpoint: endpoint.name, message: timeoutMessage, timedOut: true })),
    ) as Effect.Effect<DataOf<E>, CallError>
  }
}
