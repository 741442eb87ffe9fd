/**
 * How much of an answer the client reads: at most {@link maxAnswerBytes} of its body. A server that
 * announces more (`Content-Length`) is refused before any of the body is read; one that sends more
 * without saying so (chunked, no length, or compressed and inflated by `fetch`) is cut off as the
 * limit is passed, its connection closed. Either way the read fails with {@link AnswerTooLarge} as
 * its cause, which the client reports as an `UnexpectedResponse` it never retries: asking again
 * gets the same answer. Without the limit, a hostile or broken server's 600 MB body made the
 * process fail building the string, and an endless one grew it by gigabytes until the timeout.
 *
 * {@link readText} is the one read of an answer's body, whatever the transport. A
 * `BufferedResponse` (core's Node transport's, the mock's in-process client's) counts as it reads
 * (`BufferedResponse.textUpTo`); any other response (Effect's `fetch` client, one given by a
 * caller) is read through its stream, counted the same way.
 *
 * @example
 * ```ts
 * import { AnswerLimit } from "@polyv-stats/core"
 *
 * AnswerLimit.maxAnswerBytes // 16 777 216
 * AnswerLimit.describeLimit(AnswerLimit.maxAnswerBytes) // "16 MiB"
 * ```
 * @module
 */
import { Effect, Stream } from "effect"
import { HttpClientError, type HttpClientResponse } from "effect/http"

const mebibyte = 1024 * 1024

/**
 * The largest answer body read: 16 MiB. Polyv's statistics answers are small: the largest is a
 * session-list page, about 135 bytes a session (the seed example's, minified) plus 250 for the
 * page. The contract sets no largest page size, so the limit is taken from what one page can hold:
 * a page spans at most 60 days, and a session every minute of them (86 400, far more than any
 * channel streams) is about 11.7 MB. 16 MiB is above that with room for longer IDs, and far below
 * what it costs to hold (a few times the body while it is parsed).
 */
export const maxAnswerBytes = 16 * mebibyte

/** A limit for people: `"16 MiB"`, or bytes below one MiB. */
export const describeLimit = (limit: number): string =>
  limit >= mebibyte && limit % mebibyte === 0 ? `${limit / mebibyte} MiB` : `${limit} bytes`

/**
 * An answer refused for its size: the cause of the `HttpClientError` its body read fails with.
 * `declared` is the `Content-Length` it announced, when that alone was over the limit.
 */
export class AnswerTooLarge extends Error {
  constructor(readonly limit: number, readonly declared?: number) {
    super(
      `the answer is larger than ${describeLimit(limit)}${
        declared === undefined ? "" : ` (Content-Length ${declared})`
      }: not a Polyv statistics answer`,
    )
    this.name = "AnswerTooLarge"
  }
}

/**
 * A `Content-Length` header's length in bytes; `undefined` when absent or not a length. Node and
 * fetch reject a malformed header before this; one from elsewhere that is no whole number of bytes
 * tells nothing.
 */
export const contentLengthOf = (header: string | undefined): number | undefined => {
  const length = Number(header ?? Number.NaN)
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined
}

/** The `Content-Length` when it is over `limit`; `undefined` when it is not, or not given. */
export const declaredOver = (contentLength: string | undefined, limit: number): number | undefined => {
  const declared = contentLengthOf(contentLength)
  return declared !== undefined && declared > limit ? declared : undefined
}

/** A read refused for its size, as the `HttpClientError` every body read fails with. */
export const tooLarge = (response: HttpClientResponse.HttpClientResponse, cause: AnswerTooLarge) =>
  new HttpClientError.HttpClientError({
    reason: new HttpClientError.DecodeError({ request: response.request, response, cause }),
  })

/** Whether a failed read was refused for its size (and how), rather than cut off or broken. */
export const causeOf = (error: { readonly reason: { readonly cause?: unknown } }): AnswerTooLarge | undefined =>
  error.reason.cause instanceof AnswerTooLarge ? error.reason.cause : undefined

/**
 * A response that reads its own body up to a limit, counting as it reads: a `BufferedResponse`.
 * `contentLength` is the raw header, read without building `headers`.
 */
export interface LimitedReader {
  readonly contentLength: string | undefined
  /** Gives up the body unread: the connection is not reused. */
  readonly discard: () => void
  readonly textUpTo: (limit: number) => Effect.Effect<string, HttpClientError.HttpClientError>
}

const isLimitedReader = (response: object): response is LimitedReader & HttpClientResponse.HttpClientResponse =>
  typeof (response as Partial<LimitedReader>).textUpTo === "function"

const utf8 = new TextDecoder() // drops a leading BOM, as `fetch`'s `text()` does

/** Any other response: its stream, counted, stopped (and so cancelled) as the limit is passed. */
const streamedText = (response: HttpClientResponse.HttpClientResponse, limit: number) =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let received = 0
    return Stream.runForEachArray(response.stream, (arrived) => {
      for (const chunk of arrived) {
        received += chunk.byteLength
        if (received > limit) return Effect.fail(tooLarge(response, new AnswerTooLarge(limit)))
        chunks.push(chunk)
      }
      return Effect.void
    }).pipe(
      Effect.map(() => utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))),
      // `fetch` gives no body at all for a 204 (its stream fails): the text of that is empty.
      Effect.catchIf((error) => error.reason._tag === "EmptyBodyError", () => Effect.succeed("")),
    )
  })

/**
 * Gives up an answer's body unread (a redirect's, a refused report's): a `BufferedResponse` closes its
 * connection at once; any other response is left unread, to be collected with its connection.
 */
export const discard = (response: HttpClientResponse.HttpClientResponse): void => {
  if (isLimitedReader(response)) response.discard()
}

/**
 * An answer's body as text (UTF-8, a leading BOM dropped), read up to `limit` bytes: a body
 * announced or found to be larger fails the read with an {@link AnswerTooLarge} cause, and no more
 * of it is read.
 */
export const readText = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number = maxAnswerBytes,
): Effect.Effect<string, HttpClientError.HttpClientError> => {
  const ours = isLimitedReader(response)
  const declared = declaredOver(ours ? response.contentLength : response.headers["content-length"], limit)
  if (declared !== undefined) {
    if (ours) response.discard()
    return Effect.fail(tooLarge(response, new AnswerTooLarge(limit, declared)))
  }
  return ours ? response.textUpTo(limit) : streamedText(response, limit)
}
