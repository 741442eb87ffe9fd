/**
 * The Node transport on a real socket: what goes out, what comes back, keep-alive, cancelling an
 * unanswered request or a body being read, closing the agents with the layer. Each runs twice: for
 * a traced request and for an untraced one (as core's calls are), which go the same way; then what
 * tracing adds: the client span and its trace headers, for a traced request only.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Redacted, Scope, Stream, Tracer } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { NodeTransport } from "../src/index.js"
import { until } from "./hostileServer.js"
import { recordingTracer } from "./recordingTracer.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
  readonly remotePort: number
}

/** A loopback server answering with `answer`; it records each request, and each connection's end. */
const serve = (answer: (req: IncomingMessage, res: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.callback<{ url: string; seen: Array<Seen>; closed: Array<number> }>((resume) => {
      const seen: Array<Seen> = []
      const closed: Array<number> = []
      const server = createServer((req, res) => {
        let body = ""
        req.on("data", (chunk) => (body += chunk))
        req.on("end", () => {
          seen.push({
            method: req.method!,
            url: req.url!,
            headers: req.headers,
            body,
            remotePort: req.socket.remotePort!,
          })
          answer(req, res)
        })
      })
      server.on("connection", (socket) => {
        const port = socket.remotePort!
        socket.on("close", () => closed.push(port))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed(Object.assign({ url: `http://127.0.0.1:${port}`, seen, closed }, { server })))
      })
    }),
    (s) =>
      Effect.callback<void>((resume) => {
        const server = (s as unknown as { server: ReturnType<typeof createServer> }).server
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      }),
  )

const json = (req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(201, { "content-type": "application/json", "x-answer": "yes" })
  res.end(JSON.stringify({ path: req.url }))
}

const modes = [
  ["traced", <A, E, R>(effect: Effect.Effect<A, E, R>) => effect],
  [
    "untraced",
    <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.provideService(effect, HttpClient.TracerDisabledWhen, () => true),
  ],
] as const

describe.each(modes)("NodeTransport, %s requests", (_name, mode) => {
  it.live("sends the method, URL parameters, headers and body, and reads status, headers, text and JSON", () =>
    mode(Effect.gen(function*() {
      const server = yield* serve(json)
      const http = yield* HttpClient.HttpClient
      const request = HttpClientRequest.post(`${server.url}/echo`, {
        urlParams: { a: "1", b: "名 字" },
        headers: { "x-polyv": "on" },
      }).pipe(HttpClientRequest.bodyText("k=v", "application/x-www-form-urlencoded"))
      const response = yield* http.execute(request)
      expect(response.status).toBe(201)
      expect(response.headers["x-answer"]).toBe("yes")
      expect(response.url).toBe(`${server.url}/echo?a=1&b=%E5%90%8D+%E5%AD%97`)
      expect(yield* response.json).toEqual({ path: "/echo?a=1&b=%E5%90%8D+%E5%AD%97" })
      // The body is read once and shared by every reader.
      expect(yield* response.text).toBe(JSON.stringify({ path: "/echo?a=1&b=%E5%90%8D+%E5%AD%97" }))
      const [seen] = server.seen
      expect(seen).toMatchObject({ method: "POST", body: "k=v" })
      expect(seen!.headers["x-polyv"]).toBe("on")
      expect(seen!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("keeps the connection alive between requests, and closes it with the layer", () =>
    Effect.gen(function*() {
      const server = yield* serve(json)
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(NodeTransport.layer, scope)
      const get = mode(Effect.flatMap(HttpClient.get(`${server.url}/x`), (r) => r.text)).pipe(Effect.provide(context))
      yield* get
      yield* get
      expect(server.seen.map((s) => s.remotePort)).toEqual([server.seen[0]!.remotePort, server.seen[0]!.remotePort])
      expect(server.closed).toEqual([])
      yield* Scope.close(scope, Exit.void)
      yield* until(() => server.closed.length === 1)
      expect(server.closed).toEqual([server.seen[0]!.remotePort])
    }).pipe(Effect.scoped))

  it.live("streams a body in chunks", () =>
    mode(Effect.gen(function*() {
      const chunk = "x".repeat(64 * 1024)
      const server = yield* serve((_, res) => {
        res.writeHead(200)
        for (let i = 0; i < 8; i++) res.write(chunk)
        res.end()
      })
      const response = yield* HttpClient.get(`${server.url}/file`)
      const sizes = yield* Stream.runCollect(Stream.map(response.stream, (bytes) => bytes.length))
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(8 * chunk.length)
      expect(sizes.length).toBeGreaterThan(1)
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("destroys an unanswered request when its fiber is interrupted (a timeout)", () =>
    mode(Effect.gen(function*() {
      const server = yield* serve(() => {}) // never answers
      const fiber = yield* Effect.forkChild(HttpClient.get(`${server.url}/hang`))
      yield* until(() => server.seen.length === 1)
      yield* Fiber.interrupt(fiber)
      yield* until(() => server.closed.length === 1)
      expect(server.closed).toEqual([server.seen[0]!.remotePort])
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("destroys the connection when reading the body is interrupted", () =>
    mode(Effect.gen(function*() {
      const server = yield* serve((_, res) => {
        res.writeHead(200)
        res.write("the start, and never the end")
      })
      const response = yield* HttpClient.get(`${server.url}/slow`)
      const fiber = yield* Effect.forkChild(response.text)
      yield* Effect.yieldNow // the read begins, and waits for the rest
      yield* Fiber.interrupt(fiber)
      yield* until(() => server.closed.length === 1)
      expect(server.closed).toEqual([server.seen[0]!.remotePort])
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("adds URL parameters to a query the URL already has", () =>
    mode(Effect.gen(function*() {
      const server = yield* serve(json)
      const response = yield* HttpClient.get(`${server.url}/q?x=1`, { urlParams: { a: "2" } })
      expect(yield* response.json).toEqual({ path: "/q?x=1&a=2" })
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("fails with an InvalidUrlError for a URL that is not one", () =>
    mode(Effect.gen(function*() {
      const error = yield* Effect.flip(HttpClient.get("not a url", { urlParams: { a: "1" } }))
      expect(error.reason._tag).toBe("InvalidUrlError")
    })).pipe(Effect.provide(NodeTransport.layer)))

  it.live("fails with a TransportError when nothing listens", () =>
    mode(Effect.gen(function*() {
      const server = yield* serve(json)
      const port = new URL(server.url).port
      yield* Effect.sync(() => (server as unknown as { server: { close(): void } }).server.close())
      const error = yield* Effect.flip(HttpClient.get(`http://127.0.0.1:${port}/`))
      expect(error.reason._tag).toBe("TransportError")
    })).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))
})

describe("NodeTransport's HTTP client span", () => {
  it.live("a traced request runs in a client span (URL with redacted parameters hidden, status) and sends its trace headers", () =>
    Effect.gen(function*() {
      const server = yield* serve((req, res) => {
        res.writeHead(req.url!.startsWith("/missing") ? 404 : 201)
        res.end()
      })
      const { spans, tracer } = recordingTracer()
      yield* HttpClient.get(`${server.url}/traced`, { urlParams: [["a", "1"], ["sign", Redacted.make("S3CRET")]] })
        .pipe(
          Effect.flatMap((response) => response.text),
          Effect.withTracer(tracer),
        )
      expect(spans.map((span) => [span.name, span.kind])).toEqual([["GET", "client"]])
      const [span] = spans
      const { port } = new URL(server.url)
      expect(Object.fromEntries(span!.attributes)).toEqual({
        "http.request.method": "GET",
        "url.full": `${server.url}/traced?a=1&sign=REDACTED`,
        "url.path": "/traced",
        "url.query": "a=1&sign=REDACTED",
        "url.scheme": "http",
        "server.address": "127.0.0.1",
        "server.port": Number(port),
        "http.response.status_code": 201,
      })
      expect(span!.status._tag).toBe("Ended")
      const sent = server.seen[0]!.headers
      expect(sent.traceparent).toBe(`00-${span!.traceId}-${span!.spanId}-01`)
      expect(sent.b3).toMatch(new RegExp(`^${span!.traceId}-${span!.spanId}-1`))
      // The server sees the sign; the span never does.
      expect(server.seen[0]!.url).toBe("/traced?a=1&sign=S3CRET")

      yield* HttpClient.get(`${server.url}/missing`).pipe(Effect.withTracer(tracer))
      const missing = spans[1]!
      expect(missing.attributes.get("error.type")).toBe("404")
      expect(missing.status._tag === "Ended" && Exit.isFailure(missing.status.exit)).toBe(true)
    }).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))

  it.live("an untraced request (HttpClient.TracerDisabledWhen, Tracer.DisablePropagation) has no span and no trace headers", () =>
    Effect.gen(function*() {
      const server = yield* serve(json)
      const { spans, tracer } = recordingTracer()
      const get = Effect.flatMap(HttpClient.get(`${server.url}/quiet`), (response) => response.text).pipe(
        Effect.withTracer(tracer),
      )
      yield* Effect.provideService(get, HttpClient.TracerDisabledWhen, () => true)
      yield* Effect.provideService(get, Tracer.DisablePropagation, true)
      expect(spans).toEqual([])
      for (const seen of server.seen) {
        expect(seen.headers.traceparent).toBeUndefined()
        expect(seen.headers.b3).toBeUndefined()
      }
      expect(server.seen).toHaveLength(2)
    }).pipe(Effect.provide(NodeTransport.layer), Effect.scoped))
})
