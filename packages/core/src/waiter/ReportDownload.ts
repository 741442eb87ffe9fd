/**
 * Downloads a report file from the URL the export endpoint returned: as bytes, or streamed to a
 * path (the whole file never sits in memory), reporting progress as chunks arrive.
 *
 * @module
 */
import { Effect, FileSystem, Ref, Stream } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { TransportError, UnexpectedResponse } from "../errors/PolyvError.js"

/** Bytes received so far, and the total when the server says it. */
export interface DownloadProgress {
  readonly received: number
  readonly total: number | undefined
}

const endpoint = "reportDownload"
const cutOff = () => new TransportError({ endpoint, message: "the report download was cut off" })

const open = (url: string) =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const response = yield* http.execute(HttpClientRequest.get(url)).pipe(
      Effect.mapError((e) => new TransportError({ endpoint, message: `${e.reason._tag}: could not fetch the report` })),
    )
    if (response.status !== 200) {
      return yield* new UnexpectedResponse({
        endpoint,
        httpStatus: response.status,
        message: `the report URL answered HTTP ${response.status} (an expired URL? ask for a new one)`,
        body: "",
      })
    }
    const length = Number(response.headers["content-length"])
    return { response, total: Number.isFinite(length) ? length : undefined }
  })

/** The report file's bytes. */
export const downloadReport = (url: string) =>
  Effect.gen(function*() {
    const { response } = yield* open(url)
    const bytes = yield* response.arrayBuffer.pipe(
      Effect.mapError(cutOff),
    )
    return new Uint8Array(bytes)
  })

/** Streams the report file to `path`; returns the number of bytes written. */
export const downloadReportTo = (
  url: string,
  path: string,
  onProgress?: (progress: DownloadProgress) => Effect.Effect<void>,
) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const { response, total } = yield* open(url)
    const received = yield* Ref.make(0)
    yield* response.stream.pipe(
      Stream.mapError(cutOff),
      Stream.tap((chunk) =>
        Ref.updateAndGet(received, (n) => n + chunk.length).pipe(
          Effect.flatMap((n) => (onProgress ? onProgress({ received: n, total }) : Effect.void)),
        )
      ),
      Stream.run(fs.sink(path)),
    )
    return yield* Ref.get(received)
  })
