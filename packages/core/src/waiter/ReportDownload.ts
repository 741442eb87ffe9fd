/**
 * Downloads a report file from the URL the export endpoint returned: as bytes, or to a path
 * (streamed, so the whole file never sits in memory), reporting progress as chunks arrive.
 *
 * - **An http(s) URL, the same bytes over every transport.** The URL (and every redirect's
 *   `Location`) must be http or https ({@link WebUrl}); anything else is an `UnexpectedResponse`
 *   and is never fetched. Redirects are followed here, up to {@link maxRedirects} hops, whatever
 *   the transport (`fetch` is told not to follow them itself): Polyv's report URLs are on a CDN.
 *   The body is asked for unencoded (`Accept-Encoding: identity`); one sent compressed anyway is
 *   refused, since `fetch` would inflate it and `node:http` would not.
 * - **Complete or nothing.** A body shorter (or longer) than its `Content-Length` was cut off: a
 *   `TransportError`, as is a connection lost mid-body. A body must have the shape of an xlsx, a
 *   zip ({@link ZipShape}): an empty one, an HTML page, or one cut short with no length to tell it
 *   (framed by closing the connection) is an `UnexpectedResponse` "not an xlsx". A file is written
 *   through {@link AtomicFile}: an existing file at the path stays as it was unless the whole new
 *   body arrived, and a path that cannot be written fails before the URL is asked.
 * - **No hang.** The timeout is an inactivity timeout ({@link IdleTimeout}): it bounds the wait for
 *   each answer (redirects included) and then for each next chunk, so a big download that keeps
 *   moving is never cut, and one that stalls fails with a `TransportError` (`timedOut`) once
 *   `timeout` passes without a byte.
 * - **Bounded.** A report is at most {@link maxReportBytes}: a server that announces more is
 *   refused before the body is read, and one that sends more is cut off there, so an endless body
 *   fills neither the memory (`downloadReport`) nor the disk (`downloadReportTo`). An
 *   `UnexpectedResponse`: that is no report.
 *
 * Messages name the report server's host, never the URL's query: it holds the report's token.
 *
 * @module
 */
import { Duration, Effect, FileSystem, Option, Stream } from "effect"
import {
  FetchHttpClient,
  HttpClient,
  type HttpClientError,
  HttpClientRequest,
  type HttpClientResponse,
} from "effect/http"
import * as WebUrl from "../contract/WebUrl.js"
import { TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import * as AtomicFile from "../files/AtomicFile.js"
import * as ZipShape from "../files/ZipShape.js"
import * as AnswerLimit from "../transport/AnswerLimit.js"
import { describeFailure } from "../transport/FailureText.js"
import * as IdleTimeout from "../transport/IdleTimeout.js"

/** Bytes received so far, and the total when the server says it. */
export interface DownloadProgress {
  readonly received: number
  readonly total: number | undefined
}

/** How a download behaves. */
export interface DownloadOptions {
  /** How long to wait for each answer, then for each next chunk of the body. */
  readonly timeout: Duration.Duration
  /** Called for every chunk received, before it is passed on. */
  readonly onProgress?: ((progress: DownloadProgress) => Effect.Effect<void>) | undefined
  /** The largest body accepted (default {@link maxReportBytes}). */
  readonly maxBytes?: number | undefined
}

/**
 * The largest report accepted: 256 MiB. A report is one session's spreadsheet (the mock's are a few
 * kilobytes; Polyv's, with charts, a few megabytes); the limit is far above any of them and still
 * small enough to hold in memory, which `downloadReport` (and `report --download -`) does.
 */
export const maxReportBytes = 256 * 1024 * 1024

/** The most redirects followed from the URL Polyv gave to the file (a CDN needs one or two). */
export const maxRedirects = 5

/** The statuses that redirect a GET to their `Location`. */
const redirects = new Set([301, 302, 303, 307, 308])

/** The `endpoint` of a download's errors: not an API endpoint, the report file's URL. */
export const endpoint = "reportDownload"

/** What a download can fail with, before any file is written. */
export type DownloadError = TransportError | UnexpectedResponse

const unexpected = (httpStatus: number, message: string) =>
  new UnexpectedResponse({ endpoint, httpStatus, message, body: "" })

const ofTotal = (received: number, total: number | undefined) =>
  total === undefined ? `${received} bytes` : `${received} of ${total} bytes`

/** `fetch` follows redirects itself unless told not to: here they are followed (and checked) by hand. */
const manualRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    Effect.serviceOption(FetchHttpClient.RequestInit),
    (init) =>
      Effect.provideService(effect, FetchHttpClient.RequestInit, {
        ...Option.getOrUndefined(init),
        redirect: "manual",
      }),
  )

/** What the download has seen so far, for its messages. */
interface Seen {
  answered: boolean
  received: number
  total: number | undefined
}

/**
 * The report's body, checked as it streams: fetched (redirects followed) when the stream is first
 * pulled, so a consumer that has its own preparations (a file to create) makes them first, and
 * reads the body as soon as it comes.
 */
const body = (
  http: HttpClient.HttpClient,
  url: string,
  options: DownloadOptions,
  active: () => void,
  seen: Seen,
): Stream.Stream<Uint8Array, DownloadError> =>
  Stream.unwrap(Effect.gen(function*() {
    let current = WebUrl.parse(url)
    if (current === undefined) {
      return yield* unexpected(0, `the report URL is ${WebUrl.describeRefused(url)}; expected ${WebUrl.expected}`)
    }
    let hops = 0
    while (true) {
      const from = current
      const response = yield* http.execute(
        HttpClientRequest.get(from.href, { headers: { "accept-encoding": "identity" } }),
      ).pipe(
        manualRedirects,
        Effect.mapError((e: HttpClientError.HttpClientError) =>
          new TransportError({
            endpoint,
            message: `could not fetch the report from ${from.host}: ${describeFailure(e)}`,
          })
        ),
      )
      active()
      const { status } = response
      if (!redirects.has(status)) {
        seen.answered = true
        return yield* checked(response, options, active, seen)
      }
      AnswerLimit.discard(response)
      const location = response.headers["location"]
      if (location === undefined) {
        return yield* unexpected(status, `the report URL answered HTTP ${status} with no Location to go to`)
      }
      current = WebUrl.parse(location, from)
      if (current === undefined) {
        return yield* unexpected(
          status,
          `the report URL redirected to ${WebUrl.describeRefused(location, from)}; expected ${WebUrl.expected}`,
        )
      }
      if (++hops > maxRedirects) {
        return yield* unexpected(status, `the report URL redirected more than ${maxRedirects} times`)
      }
    }
  }))

/** The final answer's body, or why it is refused before it is read. */
const checked = (
  response: HttpClientResponse.HttpClientResponse,
  options: DownloadOptions,
  active: () => void,
  seen: Seen,
): Effect.Effect<Stream.Stream<Uint8Array, DownloadError>, UnexpectedResponse> =>
  Effect.suspend(() => {
    const { status, headers } = response
    const refuse = (message: string) => {
      AnswerLimit.discard(response)
      return Effect.fail(unexpected(status, message))
    }
    if (status !== 200) return refuse(`the report URL answered HTTP ${status} (an expired URL? ask for a new one)`)
    const encoding = headers["content-encoding"]?.trim().toLowerCase()
    if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
      return refuse(
        `not an xlsx: the body came encoded (Content-Encoding: ${encoding}) although it was asked for unencoded`,
      )
    }
    const total = AnswerLimit.contentLengthOf(headers["content-length"])
    seen.total = total
    const limit = options.maxBytes ?? maxReportBytes
    const tooLarge = (size: string) =>
      unexpected(
        status,
        `the report URL sent ${size}, over the ${AnswerLimit.describeLimit(limit)} a report can be: not a report`,
      )
    if (total !== undefined && total > limit) {
      AnswerLimit.discard(response)
      return Effect.fail(tooLarge(`a Content-Length of ${total} bytes`))
    }
    const cutOff = () =>
      new TransportError({
        endpoint,
        message: `the report download was cut off after ${ofTotal(seen.received, total)}`,
      })
    const shape = ZipShape.make()
    const notXlsx = (problem: string) => unexpected(status, `not an xlsx: ${problem}`)
    return Effect.succeed(response.stream.pipe(
      // `fetch` gives no stream at all for a body it knows is empty.
      Stream.catchIf((e) => e.reason._tag === "EmptyBodyError", () => Stream.empty),
      Stream.mapError(cutOff),
      Stream.mapEffect((chunk): Effect.Effect<Uint8Array, DownloadError> => {
        seen.received += chunk.length
        active()
        if (total !== undefined && seen.received > total) return Effect.fail(cutOff())
        if (seen.received > limit) return Effect.fail(tooLarge(`at least ${seen.received} bytes`))
        const problem = shape.feed(chunk)
        if (problem !== undefined) return Effect.fail(notXlsx(problem))
        return options.onProgress === undefined
          ? Effect.succeed(chunk)
          : Effect.as(options.onProgress({ received: seen.received, total }), chunk)
      }),
      Stream.concat(Stream.suspend((): Stream.Stream<never, DownloadError> => {
        if (total !== undefined && seen.received !== total) return Stream.fail(cutOff())
        const problem = shape.end()
        return problem === undefined ? Stream.empty : Stream.fail(notXlsx(problem))
      })),
    ))
  })

/**
 * Runs `consume` over the report's body, timed (see the module's description): it fails with a
 * `TransportError` (`timedOut`) when the server stays silent for the timeout.
 */
const withBody = <A, E, R>(
  url: string,
  options: DownloadOptions,
  consume: (body: Stream.Stream<Uint8Array, DownloadError>) => Effect.Effect<A, E, R>,
): Effect.Effect<A, E | DownloadError, R | HttpClient.HttpClient> =>
  Effect.suspend(() => {
    const seen: Seen = { answered: false, received: 0, total: undefined }
    const timeout = Duration.format(options.timeout)
    const stalled = () =>
      new TransportError({
        endpoint,
        timedOut: true,
        message: seen.answered
          ? `the report download stalled: nothing received for ${timeout}, after ${ofTotal(seen.received, seen.total)}`
          : `no answer from the report URL within ${timeout}`,
      })
    return IdleTimeout.within(
      options.timeout,
      stalled,
      (active) =>
        Effect.flatMap(
          Effect.service(HttpClient.HttpClient),
          (http) => consume(body(http, url, options, active, seen)),
        ),
    )
  })

/** The report file's bytes (held in memory; {@link downloadReportTo} streams them to a file). */
export const downloadReport = (url: string, options: DownloadOptions) =>
  withBody(url, options, (bytes) =>
    Effect.map(Stream.runCollect(bytes), (chunks) => {
      const whole = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0))
      let offset = 0
      for (const chunk of chunks) {
        whole.set(chunk, offset)
        offset += chunk.length
      }
      return whole
    }))

/**
 * Streams the report file to `path`, atomically ({@link AtomicFile}); returns the number of bytes
 * written. The path is checked before the URL is asked.
 */
export const downloadReportTo = (
  url: string,
  path: string,
  options: DownloadOptions,
): Effect.Effect<
  number,
  DownloadError | AtomicFile.FileWriteError,
  HttpClient.HttpClient | FileSystem.FileSystem
> => withBody(url, options, (bytes) => AtomicFile.write(path, bytes))
