/**
 * Report downloads against hostile servers on real sockets (raw `node:net`, so each can misbehave
 * exactly): a connection cut mid-body, a body shorter than its Content-Length, a stall mid-body and
 * before the answer (on virtual time), a 5xx, an interrupted download, a body not shaped like an
 * xlsx (empty, cut with no length to tell, a page). Every failure leaves a file already at the
 * path as it was and no `.partial` file beside it; a success replaces it whole.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Duration, Effect, Fiber, FileSystem, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { createServer, type Socket } from "node:net"
import { join } from "node:path"
import {
  createPolyvClient,
  type DownloadProgress,
  PolyvClient,
  TransportError,
  UnexpectedResponse,
} from "../src/index.js"
import * as NodeTransport from "../src/transport/NodeTransport.js"
import * as ReportDownload from "../src/waiter/ReportDownload.js"
import { zipShaped } from "./zipShaped.js"

/** The report the servers send: shaped like an xlsx, every byte value, so nothing is read as text on the way. */
const report = zipShaped(4096)
const half = report.length / 2
const old = new TextEncoder().encode("the report saved last week\n")
const timeout = "10 seconds"

const headers = (status: string, length: number) =>
  `HTTP/1.1 ${status}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`

/**
 * A server that reads one request and hands its socket to `answer`; `requested` resolves once a
 * request has arrived. Every socket is destroyed when the test's scope closes.
 */
const hostile = (answer: (socket: Socket) => void) =>
  Effect.acquireRelease(
    Effect.callback<{ url: string; requested: Promise<void>; close: () => void }>((resume) => {
      const sockets = new Set<Socket>()
      let arrived!: () => void
      const requested = new Promise<void>((resolve) => (arrived = resolve))
      const server = createServer((socket) => {
        sockets.add(socket)
        socket.on("error", () => {})
        let head = ""
        socket.on("data", (chunk) => {
          if (head.includes("\r\n\r\n")) return
          head += chunk.toString("latin1")
          if (head.includes("\r\n\r\n")) {
            arrived()
            answer(socket)
          }
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number }
        resume(Effect.succeed({
          url: `http://127.0.0.1:${port}/__mock/reports/1/s.xlsx?token=t`,
          requested,
          close: () => {
            for (const socket of sockets) socket.destroy()
            server.close()
          },
        }))
      })
    }),
    (server) => Effect.sync(server.close),
  )

const whole = (socket: Socket) => {
  socket.write(headers("200 OK", report.length))
  socket.write(report.subarray(0, half), () => socket.end(report.subarray(half)))
}
const halfThen = (then: (socket: Socket) => void) => (socket: Socket) => {
  socket.write(headers("200 OK", report.length))
  socket.write(report.subarray(0, half), () => then(socket))
}
/** Cut: the connection is reset mid-body. */
const cut = halfThen((socket) => socket.resetAndDestroy())
/** Short: half the body, then a clean end, although Content-Length promised it all. */
const short = halfThen((socket) => socket.end())
/** Stall: half the body, then nothing, the connection left open. */
const stall = halfThen(() => {})
const silent = () => {}
/** Endless: a body without a length that never ends, written as fast as the client reads it. */
const endless = (socket: Socket) => {
  socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
  const more = () => {
    if (!socket.destroyed) socket.write(report, more)
  }
  more()
}
/** Announces a body larger than any report. */
const huge = (socket: Socket) => socket.write(headers("200 OK", 2 ** 40))
const unavailable = (socket: Socket) => socket.end(`${headers("503 Service Unavailable", 5)}oops!`)
/** A `200` with nothing in it, and says so. */
const empty = (socket: Socket) => socket.end(headers("200 OK", 0))
/** No length and no chunks: the body ends where the connection does, here half-way. */
const closeFramedHalf = (socket: Socket) => {
  socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
  socket.end(report.subarray(0, half))
}
/** A page where the report should be, with a `200`. */
const page = (socket: Socket) => {
  const html = "<!DOCTYPE html><title>Please log in</title>"
  socket.end(`${headers("200 OK", html.length)}${html}`)
}

const client = PolyvClient.layerNode({ appId: "app", appSecret: Redacted.make("secret"), timeout })
const TestLayer = Layer.merge(client, NodeFileSystem.layer)

/** A folder with a good report already saved in it. */
const folderWithReport = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const folder = yield* fs.makeTempDirectoryScoped({ prefix: "polyv-download-test-" })
  const target = join(folder, "report.xlsx")
  yield* fs.writeFile(target, old)
  return { folder, target }
})

/** The folder holds only the report, with `bytes`: the old ones after a failure. */
const expectOnly = (folder: string, target: string, bytes: Uint8Array) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    assert.deepStrictEqual(yield* fs.readDirectory(folder), ["report.xlsx"])
    assert.deepStrictEqual(yield* fs.readFile(target), bytes)
  })

/** Downloads to the saved report from a server answering with `answer`; the failure. */
const failedDownload = (answer: (socket: Socket) => void) =>
  Effect.gen(function*() {
    const { folder, target } = yield* folderWithReport
    const server = yield* hostile(answer)
    const error = yield* PolyvClient.use((polyv) => polyv.downloadReportTo(server.url, target)).pipe(Effect.flip)
    yield* expectOnly(folder, target, old)
    return error
  })

/** Starts a download to the saved report; resolves `first` with the first progress report. */
const startDownload = (answer: (socket: Socket) => void) =>
  Effect.gen(function*() {
    const { folder, target } = yield* folderWithReport
    const server = yield* hostile(answer)
    const first = yield* Deferred.make<DownloadProgress>()
    const fiber = yield* PolyvClient.use((polyv) =>
      polyv.downloadReportTo(server.url, target, (p) => Deferred.succeed(first, p).pipe(Effect.asVoid))
    ).pipe(Effect.forkChild)
    return { folder, target, server, first, fiber }
  })

describe("downloadReportTo", () => {
  it.effect("writes the report whole over the old file, and leaves nothing else beside it", () =>
    Effect.gen(function*() {
      const { folder, target } = yield* folderWithReport
      const server = yield* hostile(whole)
      const progress: Array<DownloadProgress> = []
      const written = yield* PolyvClient.use((polyv) =>
        polyv.downloadReportTo(server.url, target, (p) => Effect.sync(() => void progress.push(p)))
      )
      assert.strictEqual(written, report.length)
      assert.deepStrictEqual(progress.at(-1), { received: report.length, total: report.length })
      yield* expectOnly(folder, target, report)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a connection cut mid-body: TransportError, the old file untouched, no .partial file", () =>
    Effect.gen(function*() {
      const error = yield* failedDownload(cut)
      assert.instanceOf(error, TransportError)
      assert.match(error.message, /cut off after \d+ of 4096 bytes/)
      assert.notStrictEqual((error as TransportError).timedOut, true, "a broken connection, not a timeout")
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a body shorter than its Content-Length, then a clean end: TransportError, nothing changed", () =>
    Effect.gen(function*() {
      const error = yield* failedDownload(short)
      assert.instanceOf(error, TransportError)
      // Up to the half sent: Node may drop what it buffered when it sees the end come too early.
      assert.match(error.message, /cut off after \d+ of 4096 bytes/)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a body not shaped like an xlsx (empty, cut with no length to tell, a page): nothing changed", () =>
    Effect.gen(function*() {
      for (
        const [answer, problem] of [
          [empty, /^not an xlsx: the body is empty$/],
          [closeFramedHalf, /^not an xlsx: it does not end with a zip's end-of-central-directory record/],
          [page, /^not an xlsx: it starts with 3c 21 44 4f, not with a zip's 50 4b 03 04$/],
        ] as const
      ) {
        const error = yield* failedDownload(answer)
        assert.instanceOf(error, UnexpectedResponse)
        assert.match(error.message, problem)
      }
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a 5xx answer: UnexpectedResponse, nothing changed", () =>
    Effect.gen(function*() {
      const error = yield* failedDownload(unavailable)
      assert.instanceOf(error, UnexpectedResponse)
      assert.strictEqual((error as UnexpectedResponse).httpStatus, 503)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a stall mid-body fails once the timeout passes without a byte (virtual time), nothing changed", () =>
    Effect.gen(function*() {
      const { folder, target, first, fiber } = yield* startDownload(stall)
      assert.deepStrictEqual((yield* Deferred.await(first)).total, report.length)
      // Meanwhile the body goes to a temporary file beside the target, named after it.
      const during = (yield* (yield* FileSystem.FileSystem).readDirectory(folder)).toSorted()
      assert.strictEqual(during.length, 2)
      assert.match(during[1]!, /^report\.xlsx\.[0-9a-f]{12}\.partial$/)
      yield* TestClock.adjust("9 seconds")
      assert.isUndefined(fiber.pollUnsafe(), "still waiting before the timeout")
      yield* TestClock.adjust("1 second")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.instanceOf(error, TransportError)
      assert.match(error.message, /^the report download stalled: nothing received for 10s, after \d+ of 4096 bytes$/)
      assert.isTrue((error as TransportError).timedOut)
      yield* expectOnly(folder, target, old)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("no answer at all fails once the timeout passes (virtual time), nothing changed", () =>
    Effect.gen(function*() {
      const { folder, target } = yield* folderWithReport
      const server = yield* hostile(silent)
      const fiber = yield* PolyvClient.use((polyv) => polyv.downloadReportTo(server.url, target)).pipe(
        Effect.flip,
        Effect.forkChild,
      )
      yield* Effect.promise(() => server.requested)
      yield* TestClock.adjust(timeout)
      const error = yield* Fiber.join(fiber)
      assert.instanceOf(error, TransportError)
      assert.strictEqual(error.message, "no answer from the report URL within 10s")
      yield* expectOnly(folder, target, old)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("interrupted mid-body (Ctrl-C in the CLI): the .partial file is removed, the old file kept", () =>
    Effect.gen(function*() {
      const { folder, target, first, fiber } = yield* startDownload(stall)
      yield* Deferred.await(first)
      yield* Fiber.interrupt(fiber)
      yield* expectOnly(folder, target, old)
    }).pipe(Effect.provide(TestLayer)))
})

describe("downloadReport (bytes)", () => {
  it.effect("the whole body; a short one or a stall is a TransportError", () =>
    Effect.gen(function*() {
      const ok = yield* hostile(whole)
      assert.deepStrictEqual(yield* PolyvClient.use((polyv) => polyv.downloadReport(ok.url)), report)
      const shortServer = yield* hostile(short)
      const error = yield* PolyvClient.use((polyv) => polyv.downloadReport(shortServer.url)).pipe(Effect.flip)
      assert.match(error.message, /cut off after \d+ of 4096 bytes/)
      const stalled = yield* hostile(stall)
      const first = yield* Deferred.make<void>()
      const fiber = yield* PolyvClient.use((polyv) =>
        polyv.downloadReport(stalled.url, () => Deferred.succeed(first, undefined).pipe(Effect.asVoid))
      ).pipe(Effect.flip, Effect.forkChild)
      yield* Deferred.await(first)
      yield* TestClock.adjust(timeout)
      assert.match((yield* Fiber.join(fiber)).message, /stalled/)
    }).pipe(Effect.provide(TestLayer)))
})

describe("a body over the report limit", () => {
  const maxBytes = 4 * report.length
  const http = Layer.merge(NodeTransport.layer, NodeFileSystem.layer)

  it.effect("announced (Content-Length) or sent (endless): UnexpectedResponse, the old file untouched", () =>
    Effect.gen(function*() {
      for (const answer of [huge, endless]) {
        const { folder, target } = yield* folderWithReport
        const server = yield* hostile(answer)
        const error = yield* ReportDownload.downloadReportTo(server.url, target, {
          timeout: Duration.seconds(10),
          maxBytes,
        }).pipe(
          Effect.flip,
        )
        assert.instanceOf(error, UnexpectedResponse)
        assert.match(error.message, /a report can be: not a report/)
        yield* expectOnly(folder, target, old)
        const bytes = yield* ReportDownload.downloadReport(server.url, { timeout: Duration.seconds(10), maxBytes })
          .pipe(Effect.flip)
        assert.instanceOf(bytes, UnexpectedResponse)
      }
    }).pipe(Effect.provide(http)))
})

describe("downloadReport through the Promise client", () => {
  it.live("a body shorter than its Content-Length is refused even when the transport does not notice", () =>
    Effect.gen(function*() {
      // A provided fetch (here a fake) hands over what it got and ends: only the length says it is short.
      const fetch = () =>
        Promise.resolve(new Response(report.slice(0, half), { headers: { "content-length": String(report.length) } }))
      const polyv = createPolyvClient({ appId: "app", appSecret: "secret", fetch })
      const error = yield* Effect.promise(() =>
        polyv.downloadReport("http://report.invalid/r.xlsx").then(() => undefined, (e: unknown) => e)
      )
      yield* Effect.promise(polyv.close)
      assert.instanceOf(error, TransportError)
      assert.strictEqual((error as TransportError).message, "the report download was cut off after 2048 of 4096 bytes")
    }))
})
