/**
 * Downloads a report file from the URL the export endpoint returned: as bytes, or to a path
 * (streamed, so the whole file never sits in memory), reporting progress as chunks arrive.
 *
 * - **Complete or nothing.** A body shorter (or longer) than its `Content-Length` was cut off: a
 *   `TransportError`, as is a connection lost mid-body. A file is written through
 *   {@link AtomicFile}: an existing file at the path stays as it was unless the whole new body
 *   arrived.
 * - **No hang.** The timeout is an inactivity timeout ({@link IdleTimeout}): it bounds the wait for
 *   the answer and then for each next chunk, so a big download that keeps moving is never cut, and
 *   one that stalls fails with a `TransportError` once `timeout` passes without a byte.
 * - **Bounded.** A report is at most {@link maxReportBytes}: a server that announces more is
 *   refused before the body is read, and one that sends more is cut off there, so an endless body
 *   fills neither the memory (`downloadReport`) nor the disk (`downloadReportTo`). An
 *   `UnexpectedResponse`: that is no report.
 *
 * @module
 */
import { Duration, Effect, FileSystem, type PlatformError, Stream } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { TransportError, UnexpectedResponse } from "../errors/PolyvError.js"
import * as AtomicFile from "../files/AtomicFile.js"
import { describeLimit } from "../transport/AnswerLimit.js"
import * as IdleTimeout from "../transport/IdleTimeout.js"

/** Bytes received so far, and the total when the server says it. */
export interface DownloadProgress {
  readonly received: number
  readonly total: number | undefined
}

/** How a download behaves. */
export interface DownloadOptions {
  /** How long to wait for the answer, then for each next chunk of the body. */
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

/** The `endpoint` of a download's errors: not an API endpoint, the report file's URL. */
export const endpoint = "reportDownload"

const fail = (message: string) => new TransportError({ endpoint, message })

/** `Content-Length`, when it is the length of the bytes read: not of an encoded (compressed) body. */
const lengthOf = (headers: Readonly<Record<string, string | undefined>>): number | undefined => {
  const encoding = headers["content-encoding"]
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return undefined
  const length = Number(headers["content-length"] ?? Number.NaN)
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined
}

const ofTotal = (received: number, total: number | undefined) =>
  total === undefined ? `${received} bytes` : `${received} of ${total} bytes`

/**
 * Fetches the report and hands its body, checked and timed, to `consume`. The body fails with a
 * `TransportError` when it is cut off or does not match its `Content-Length`; the whole run fails
 * with one when it stalls (see the module's description).
 */
const withBody = <A, E, R>(
  url: string,
  options: DownloadOptions,
  consume: (body: Stream.Stream<Uint8Array, TransportError | UnexpectedResponse>) => Effect.Effect<A, E, R>,
): Effect.Effect<A, E | TransportError | UnexpectedResponse, R | HttpClient.HttpClient> =>
  Effect.suspend(() => {
    let answered = false
    let received = 0
    let total: number | undefined
    const timeout = Duration.format(options.timeout)
    const stalled = () =>
      fail(
        answered
          ? `the report download stalled: nothing received for ${timeout}, after ${ofTotal(received, total)}`
          : `no answer from the report URL within ${timeout}`,
      )
    return IdleTimeout.within(options.timeout, stalled, (active) =>
      Effect.gen(function*() {
        const http = yield* HttpClient.HttpClient
        const response = yield* http.execute(HttpClientRequest.get(url)).pipe(
          Effect.mapError((e) => fail(`${e.reason._tag}: could not fetch the report`)),
        )
        answered = true
        active()
        if (response.status !== 200) {
          return yield* new UnexpectedResponse({
            endpoint,
            httpStatus: response.status,
            message: `the report URL answered HTTP ${response.status} (an expired URL? ask for a new one)`,
            body: "",
          })
        }
        total = lengthOf(response.headers)
        const limit = options.maxBytes ?? maxReportBytes
        const tooLarge = (size: string) =>
          new UnexpectedResponse({
            endpoint,
            httpStatus: response.status,
            message: `the report URL sent ${size}, over the ${describeLimit(limit)} a report can be: not a report`,
            body: "",
          })
        if (total !== undefined && total > limit) return yield* tooLarge(`a Content-Length of ${total} bytes`)
        const cutOff = () => fail(`the report download was cut off after ${ofTotal(received, total)}`)
        const body: Stream.Stream<Uint8Array, TransportError | UnexpectedResponse> = response.stream.pipe(
          Stream.mapError(cutOff),
          Stream.mapEffect((chunk): Effect.Effect<Uint8Array, TransportError | UnexpectedResponse> => {
            received += chunk.length
            active()
            if (total !== undefined && received > total) return Effect.fail(cutOff())
            if (received > limit) return Effect.fail(tooLarge(`at least ${received} bytes`))
            return options.onProgress === undefined
              ? Effect.succeed(chunk)
              : Effect.as(options.onProgress({ received, total }), chunk)
          }),
          Stream.concat(
            Stream.suspend(() => total === undefined || received === total ? Stream.empty : Stream.fail(cutOff())),
          ),
        )
        return yield* consume(body)
      }))
  })

/** The report file's bytes (held in memory; {@link downloadReportTo} streams them to a file). */
export const downloadReport = (url: string, options: DownloadOptions) =>
  withBody(url, options, (body) =>
    Effect.map(Stream.runCollect(body), (chunks) => {
      const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0))
      let offset = 0
      for (const chunk of chunks) {
        bytes.set(chunk, offset)
        offset += chunk.length
      }
      return bytes
    }))

/**
 * Streams the report file to `path`, atomically ({@link AtomicFile}); returns the number of bytes
 * written.
 */
export const downloadReportTo = (
  url: string,
  path: string,
  options: DownloadOptions,
): Effect.Effect<
  number,
  TransportError | UnexpectedResponse | PlatformError.PlatformError,
  HttpClient.HttpClient | FileSystem.FileSystem
> => withBody(url, options, (body) => AtomicFile.write(path, body))
