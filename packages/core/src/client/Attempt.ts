/**
 * One attempt at one call: encode the parameters, read the clock, sign, send, read the envelope,
 * decode the data. Runs afresh on every retry, so every attempt carries a fresh timestamp and sign
 * (a retry three minutes later must not reuse an expired signature).
 *
 * @module
 */
import { Clock, Duration, Effect, Random, Redacted, Schema, SchemaIssue } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import type { AnyEndpoint, DataOf, ParamsOf } from "../contract/Endpoint.js"
import * as Envelope from "../envelope/Envelope.js"
import type { InvalidParameter } from "../errors/InvalidParameter.js"
import { type PolyvError, TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import * as Signer from "../signing/Signer.js"
import { type Credentials, encodeParams, signParams } from "./RequestSigning.js"

/** What a call can fail with. */
export type CallError = PolyvError | InvalidParameter

/** What an attempt needs besides the endpoint and its parameters. */
export interface AttemptSettings extends Credentials {
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly signatureNonce: boolean
  readonly timeout: Duration.Duration
}

const formatIssue = SchemaIssue.makeFormatterDefault()

/** Strips query strings from a message: a request URL carries the sign. */
const withoutQuery = (text: string) => text.replace(/\?\S*/g, "?…")

const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ""
  return `${cause.message}${inner}`
}

/** 32 hex digits from Effect's `Random`, so tests can seed it. */
const randomNonce = Effect.map(
  Effect.all(Array.from({ length: 4 }, () => Random.nextIntBetween(0, 0xffffffff))),
  (words) => words.map((w) => w.toString(16).padStart(8, "0")).join(""),
)

/** Builds the attempt function over an `HttpClient`. */
export const makeAttempt =
  (http: HttpClient.HttpClient, settings: AttemptSettings) =>
  <E extends AnyEndpoint>(endpoint: E, params: ParamsOf<E>): Effect.Effect<DataOf<E>, CallError> =>
    Effect.gen(function*() {
      const wire = yield* encodeParams(endpoint, params)
      // Whole milliseconds: Polyv wants 13 digits, and a clock may report fractions (TestClock does).
      const timestamp = Math.floor(yield* Clock.currentTimeMillis)
      const nonce = settings.signatureNonce ? yield* randomNonce : undefined
      const signed = signParams(settings, wire, timestamp, nonce)
      // The sign goes out `Redacted`: sent unwrapped, but shown as <redacted> in the HTTP client's
      // own spans (url.full, url.query) and in any inspection of the request.
      const urlParams = signed.map(([name, value]) =>
        name === Signer.signParam ? [name, Redacted.make(value)] as const : [name, value] as const
      )
      const request = HttpClientRequest.get(settings.baseUrl + endpoint.path, { urlParams, acceptJson: true })
      const transportError = (error: { readonly reason: { readonly _tag: string; readonly cause?: unknown } }) =>
        new TransportError({
          endpoint: endpoint.name,
          message: withoutQuery(`${error.reason._tag}: ${describeCause(error.reason.cause)}`),
        })
      yield* Effect.logDebug("polyv request").pipe(Effect.annotateLogs({ endpoint: endpoint.name, ...wire }))
      const response = yield* http.execute(request).pipe(Effect.mapError(transportError))
      // A server may echo the request URL (and so the sign) in its body; errors quote the body.
      const sign = signed[signed.length - 1]![1]
      const text = (yield* response.text.pipe(Effect.mapError(transportError))).split(sign).join("<redacted>")
      yield* Effect.logDebug("polyv response").pipe(
        Effect.annotateLogs({ endpoint: endpoint.name, status: response.status, bytes: text.length }),
      )
      const data = yield* Effect.fromResult(Envelope.read(endpoint.envelope, endpoint.name, response.status, text))
      return yield* Schema.decodeUnknownEffect(endpoint.data)(data).pipe(
        Effect.mapError((error) =>
          new UnexpectedResponse({
            endpoint: endpoint.name,
            httpStatus: response.status,
            message: `data does not match the ${endpoint.name} contract: ${formatIssue(error.issue)}`,
            body: text.slice(0, 200),
          })
        ),
      )
    }).pipe(
      Effect.timeoutOrElse({
        duration: settings.timeout,
        orElse: () =>
          Effect.fail(
            new TransportError({
              endpoint: endpoint.name,
              message: `no answer within ${Duration.format(settings.timeout)}`,
            }),
          ),
      }),
    ) as Effect.Effect<DataOf<E>, CallError>
