/**
 * One request of `verify`, built as the client builds its own (the contract's encoding, core's
 * signer, the sign sent `Redacted`), but as a check asks: without an appId, with an unknown one,
 * an old timestamp or a sign made with another secret. Sent on the CLI's HTTP client (core's Node
 * transport, with `--verbose`'s logger), once: no retry, so a run's requests are counted exactly.
 * The answer is kept raw (status, content type, text) for the comparison to judge.
 *
 * @module
 */
import { AnswerLimit, Contract, FailureText, RequestSigning, Signer, TransportError } from "@polyv-stats/core"
import { Clock, Duration, Effect, Redacted, Result } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import type { Check, Known } from "./Checks.js"
import { paramsOf, wrongSecret } from "./Checks.js"

/** What came back, as it came. */
export interface Answer {
  readonly status: number
  readonly contentType: string
  /** The body, any echo of the request's sign cut out. */
  readonly text: string
}

export interface Account {
  readonly baseUrl: string
  readonly credentials: RequestSigning.Credentials
  readonly timeout: Duration.Duration
}

const wrongSecretRedacted = Redacted.make(wrongSecret)

/** Sends one check's request and reads the answer whole (capped as the client caps it). */
export const send = (
  http: HttpClient.HttpClient,
  account: Account,
  check: Check,
  known: Known,
): Effect.Effect<Answer, TransportError> =>
  Effect.gen(function*() {
    const { endpoint, wrong } = check
    const wire = Contract.encodeParamsResult(endpoint, paramsOf(check, known))
    // The table's parameters are ours: one the contract refuses is a bug, not Polyv's drift.
    if (Result.isFailure(wire)) return yield* Effect.die(wire.failure)
    const now = Math.floor(yield* Clock.currentTimeMillis)
    const credentials: RequestSigning.Credentials = {
      ...account.credentials,
      appId: wrong.appId ? wrong.appId(account.credentials.appId) : account.credentials.appId,
      ...(wrong.wrongSecret ? { appSecret: wrongSecretRedacted } : {}),
    }
    const { params, sign } = RequestSigning.signParams(credentials, wire.success, now - (wrong.age ?? 0))
    const request = HttpClientRequest.get(account.baseUrl + endpoint.path, {
      urlParams: [...params, [Signer.signParam, Redacted.make(sign)] as const],
      acceptJson: true,
    })
    const response = yield* http.execute(request)
    const body = yield* AnswerLimit.readText(response)
    return {
      status: response.status,
      contentType: response.headers["content-type"] ?? "",
      text: body.includes(sign) ? body.split(sign).join("<redacted>") : body,
    }
  }).pipe(
    Effect.catchTag(
      "HttpClientError",
      // Worded without the request's query, which holds the sign.
      (error) =>
        Effect.fail(new TransportError({ endpoint: check.endpoint.name, message: FailureText.describeFailure(error) })),
    ),
    Effect.timeoutOrElse({
      duration: account.timeout,
      orElse: () =>
        Effect.fail(
          new TransportError({
            endpoint: check.endpoint.name,
            message: `no answer within ${Duration.format(account.timeout)}`,
            timedOut: true,
          }),
        ),
    }),
  )
