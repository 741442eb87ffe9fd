/**
 * A report download behaves the same over both transports the project uses (core's `node:http`
 * one and `fetch`), against hostile servers on real sockets: redirects are followed by the download
 * itself (http(s) only, a bounded number), the body is asked for unencoded and refused when it
 * comes compressed anyway, a URL that is not http(s) is never fetched (nor accepted from the
 * export endpoint), and a failure to fetch says why without the URL's query.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as net from "node:net"
import { gzipSync } from "node:zlib"
import { createPolyvClient, PolyvClient, TransportError, UnexpectedResponse } from "../src/index.js"
import { maxRedirects } from "../src/waiter/ReportDownload.js"
import { hostile, transports } from "./hostileServer.js"
import { zipShaped } from "./zipShaped.js"

const report = zipShaped(4096)

const head = (status: string, ...fields: ReadonlyArray<string>) =>
  `HTTP/1.1 ${status}\r\n${fields.join("\r\n")}\r\n\r\n`

const whole = (socket: net.Socket) => {
  socket.write(head("200 OK", `Content-Length: ${report.length}`))
  socket.write(report)
}
const redirect = (status: string, location: string) => (socket: net.Socket) =>
  socket.write(head(status, `Location: ${location}`, "Content-Length: 0"))

/** A port where nothing listens. */
const closedPort = Effect.callback<number>((resume) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})

const download = (url: string) => PolyvClient.use((polyv) => polyv.downloadReport(url))

describe.each(transports)("a report download over %s", (_, client) => {
  /** Runs `effect` with a client of the transport (its API base URL is never asked here). */
  const over = <A, E>(effect: Effect.Effect<A, E, PolyvClient>) =>
    Effect.provide(effect, client("http://127.0.0.1:9") as Layer.Layer<PolyvClient>)

  it.effect("follows redirects (relative and absolute) to the report, asking each for it unencoded", () =>
    Effect.gen(function*() {
      let base = ""
      const server = yield* hostile([
        redirect("302 Found", "/hop"),
        (socket) => redirect("307 Temporary Redirect", `${base}/report.xlsx?token=t`)(socket),
        whole,
      ])
      base = server.url
      const bytes = yield* over(download(`${server.url}/first?token=t`))
      assert.deepStrictEqual(bytes, report)
      assert.deepStrictEqual(server.requests.map((r) => r.split(" ")[1]), [
        "/first?token=t",
        "/hop",
        "/report.xlsx?token=t",
      ])
      for (const request of server.requests) assert.match(request, /^accept-encoding: identity$/im)
    }))

  it.effect(`refuses a redirect to a URL that is not http(s), and more than ${maxRedirects} redirects`, () =>
    Effect.gen(function*() {
      const toFile = yield* hostile([redirect("302 Found", "file:///etc/passwd")])
      const refused = yield* Effect.flip(over(download(`${toFile.url}/r.xlsx`)))
      assert.instanceOf(refused, UnexpectedResponse)
      assert.strictEqual(refused.message, "the report URL redirected to a file: URL; expected an absolute http(s) URL")
      const loop = yield* hostile([redirect("301 Moved Permanently", "/again")])
      const looped = yield* Effect.flip(over(download(`${loop.url}/r.xlsx`)))
      assert.instanceOf(looped, UnexpectedResponse)
      assert.strictEqual(looped.message, `the report URL redirected more than ${maxRedirects} times`)
      assert.strictEqual(loop.requests.length, maxRedirects + 1)
    }))

  it.effect("never fetches a URL that is not http(s): an UnexpectedResponse naming its scheme", () =>
    Effect.gen(function*() {
      for (
        const [url, what] of [
          ["data:application/octet-stream;base64,UEsDBA==", "a data: URL"],
          ["file:///etc/passwd", "a file: URL"],
          ["ftp://127.0.0.1/r.xlsx", "a ftp: URL"],
          ["report.xlsx", "not a URL"],
        ]
      ) {
        const error = yield* Effect.flip(over(download(url!)))
        assert.instanceOf(error, UnexpectedResponse)
        assert.strictEqual(error.message, `the report URL is ${what}; expected an absolute http(s) URL`)
      }
    }))

  it.effect("refuses a body sent compressed although it was asked for unencoded", () =>
    Effect.gen(function*() {
      const gzipped = gzipSync(report)
      const server = yield* hostile([(socket) => {
        socket.write(head("200 OK", "Content-Encoding: gzip", `Content-Length: ${gzipped.length}`))
        socket.write(gzipped)
      }])
      const error = yield* Effect.flip(over(download(`${server.url}/r.xlsx`)))
      assert.instanceOf(error, UnexpectedResponse)
      assert.match(error.message, /^not an xlsx: the body came encoded \(Content-Encoding: gzip\)/)
    }))

  it.effect("a failure to fetch says why (a refused connection, malformed HTTP), never the query", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const toClosed = yield* hostile([redirect("302 Found", `http://127.0.0.1:${port}/r.xlsx?token=secret-token`)])
      const refused = yield* Effect.flip(over(download(`${toClosed.url}/r.xlsx?token=secret-token`)))
      assert.instanceOf(refused, TransportError)
      assert.match(
        refused.message,
        new RegExp(`^could not fetch the report from 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
      )
      assert.notInclude(refused.message, "secret-token")
      assert.notStrictEqual((refused as TransportError).timedOut, true)
      const malformed = yield* hostile([(socket) => socket.end(head("200 OK", "Content-Length: -1"))])
      const bad = yield* Effect.flip(over(download(`${malformed.url}/r.xlsx`)))
      assert.instanceOf(bad, TransportError)
      assert.match(bad.message, /^could not fetch the report from 127\.0\.0\.1:\d+: .*Content-Length/)
    }))
})

describe("a URL that is not http(s), through the Promise client and the export contract", () => {
  it.live("downloadReport rejects with an UnexpectedResponse, not a raw TypeError", () =>
    Effect.gen(function*() {
      const polyv = createPolyvClient({ appId: "app", appSecret: "secret" })
      const error = yield* Effect.promise(() =>
        polyv.downloadReport("file:///etc/passwd").then(() => undefined, (e: unknown) => e)
      )
      yield* Effect.promise(polyv.close)
      assert.instanceOf(error, UnexpectedResponse)
    }))

  it.live("exportReport refuses an answer whose URL is not http(s): it does not match the contract", () =>
    Effect.gen(function*() {
      const answer = JSON.stringify({ code: 200, status: "success", message: "", data: "data:text/plain,PK" })
      const server = yield* hostile([
        (socket) =>
          socket.write(head("200 OK", "Content-Type: application/json", `Content-Length: ${answer.length}`) + answer),
      ])
      const polyv = createPolyvClient({ appId: "app", appSecret: "secret", baseUrl: server.url, retry: false })
      const error = yield* Effect.promise(() =>
        polyv.exportReport({ channelId: "2272655", sessionId: "fv3ldt4dhn" }).then(() => undefined, (e: unknown) => e)
      )
      yield* Effect.promise(polyv.close)
      assert.instanceOf(error, UnexpectedResponse)
      assert.strictEqual((error as UnexpectedResponse).endpoint, "exportReport")
      assert.match((error as UnexpectedResponse).message, /an absolute http\(s\) URL/)
    }).pipe(Effect.scoped))
})
