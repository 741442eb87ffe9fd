/**
 * Serves a {@link PolyvMock} over a real socket with `node:http`. Faults that only a socket can
 * show happen here: a reset destroys the connection without an answer, latency holds the answer
 * back (through the mock's `sleep`, a real timer unless told otherwise).
 *
 * Every request gets an answer, in the mock's JSON where a body is sent: one Node cannot parse
 * (400, 431), headers too slow (408), a request target no URL can be made of (400), HTTP/1.1
 * without `Host` (400), an unmet `Expect` (417), `CONNECT` (405: the mock is no proxy), a body over
 * {@link maxBodyBytes} (413: at once when its `Content-Length` says so, before any `100 Continue`).
 * An answer sent before the request's body was read closes the connection, so the mock never reads
 * a refused body to its end (see {@link sendUnread}). Admin routes answer only the host names of
 * {@link Exposure.allowedHosts} (421 otherwise).
 *
 * @example
 * ```ts
 * import { startServer } from "@polyv-stats/mock-server"
 *
 * const running = await startServer({ port: 0, seed: "docs" })
 * console.log(running.url) // http://127.0.0.1:PORT
 * await running.close()
 * ```
 * @module
 */
import { AnswerLimit } from "@polyv-stats/core"
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http"
import type { Socket } from "node:net"
import { isAdminRoute } from "../admin/AdminPrefix.js"
import * as Exposure from "../admin/Exposure.js"
import { CheckedOptions } from "../CheckedOptions.js"
import type { MockOptions } from "../MockOptions.js"
import { PolyvMock } from "../PolyvMock.js"
import { maxBodyBytes, type MockRequest, mockRequest, type MockResponse } from "../protocol/MockRequest.js"
import { ownError } from "../protocol/OwnError.js"
import { readBody, tooLarge, urlOf } from "./NodeHttp.js"

export { maxBodyBytes } from "../protocol/MockRequest.js"

export interface ServeOptions extends MockOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 0: any free port. */
  readonly port?: number | undefined
  /**
   * More host names the admin API answers to (`--allow-host`), besides the listening address and
   * localhost / 127.0.0.1 / [::1]: e.g. a docker-compose service name. A request to an admin route
   * naming any other `Host` is refused (421), which defeats DNS rebinding. API calls and report
   * links answer any `Host`: signatures and link tokens protect them.
   */
  readonly allowHosts?: ReadonlyArray<string> | undefined
  /**
   * How long a client may take to send a whole request, headers and body, before the mock answers
   * 408 and closes the connection (default {@link defaultRequestTimeoutMillis}). From 1 to
   * {@link maxRequestTimeoutMillis}.
   */
  readonly requestTimeoutMillis?: number | undefined
}

/**
 * The default {@link ServeOptions.requestTimeoutMillis}: 30 s. A request is at most 64 KiB of
 * headers and form body, which any client sends in far less; a client that sends it slowly holds a
 * body buffer all the while, so the mock does not wait Node's default 300 s for it (3 000 such
 * clients held ~220 MB).
 */
export const defaultRequestTimeoutMillis = 30_000

/** The longest {@link ServeOptions.requestTimeoutMillis}: Node's own default for a whole request. */
export const maxRequestTimeoutMillis = 300_000

export interface RunningMock {
  /** Where the mock listens, e.g. `http://127.0.0.1:43121`. */
  readonly url: string
  readonly mock: PolyvMock
  readonly close: () => Promise<void>
}

/**
 * Whether a request's `Content-Length` already says its body is over {@link maxBodyBytes}: it is
 * refused before anything is read (and before a `100 Continue`). Node has checked the header's form.
 */
const declaredTooLarge = (req: IncomingMessage): boolean => {
  const declared = req.headers["content-length"]
  // A length past what a number holds exactly is over the limit too.
  return declared !== undefined && (AnswerLimit.contentLengthOf(declared) ?? Number.POSITIVE_INFINITY) > maxBodyBytes
}

/**
 * Whether a request's framing says it has no body (no transfer coding, no length or a length of
 * 0): it is whole once its headers are, though Node marks it `complete` only after its `request`
 * event. Such a request is answered within that event, as bare `node:http` answers.
 */
const bodiless = (req: IncomingMessage): boolean => {
  const declared = req.headers["content-length"]
  return req.headers["transfer-encoding"] === undefined &&
    (declared === undefined || AnswerLimit.contentLengthOf(declared) === 0)
}

/** A request target whose path and query `new URL` would take as they are (ASCII, no dots, no `#`). */
const plainTarget = /^\/(?!\/)[A-Za-z0-9_\-/]*(\?[\x21-\x22\x24-\x7e]*)?$/

/**
 * The path and query (without its `?`) of a request target, as `new URL(target, base)` reads them;
 * `undefined` for a target no URL can be made of (`//[`).
 */
const targetOf = (target: string): { readonly path: string; readonly query: string } | undefined => {
  // On the hot path (every API call is a plain target) the URL parser is skipped.
  if (plainTarget.test(target)) {
    const q = target.indexOf("?")
    return q === -1 ? { path: target, query: "" } : { path: target.slice(0, q), query: target.slice(q + 1) }
  }
  if (!URL.canParse(target, "http://mock")) return undefined
  const url = new URL(target, "http://mock")
  return { path: url.pathname, query: url.search.slice(1) }
}

/**
 * Sends an answer. One sent before the request's body was read to its end (a refused body, an
 * unmet expectation) goes out by {@link sendUnread}, which closes the connection. `whole` says
 * the request is read to its end (Node's `complete`, unless the caller knows better).
 */
const send = (req: IncomingMessage, res: ServerResponse, answer: MockResponse, whole = req.complete): void => {
  if (whole) res.writeHead(answer.status, answer.headers).end(answer.body)
  else sendUnread(req, answer)
}

/** An answer as bytes for a socket, saying the connection closes after it. */
const rawAnswer = (answer: MockResponse): string => {
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")
  return `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}\r\n${headers}` +
    `content-length: ${Buffer.byteLength(answer.body)}\r\nconnection: close\r\n\r\n${answer.body}`
}

/** An answer written straight onto a socket Node's HTTP parser gave up on (or never took). */
const sendRaw = (socket: Socket, answer: MockResponse): void => {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.write(rawAnswer(answer))
  // Ends the socket, then destroys it once the answer is flushed: it is not read any further.
  socket.destroySoon()
}

/** The most of a body the mock reads, and drops, after answering without it (16 MiB: more than a client has in flight when it learns of the answer). */
export const maxDiscardBytes = 256 * maxBodyBytes

/** How long the mock goes on reading, and dropping, a body it answered without. */
export const maxDiscardMillis = 2_000

/**
 * Answers a request whose body the mock did not read to its end, and closes the connection.
 *
 * Closing at once would lose the answer for many clients: a socket closed with unread data is
 * reset, and a client still sending its body (fetch, node:http) then sees EPIPE or ECONNRESET
 * instead of the 413 it was sent. So the answer goes out, the mock's side of the connection is
 * shut (FIN: nothing more comes), and what still arrives is read and dropped until the client
 * stops: its body ends, or it closes, having read the answer. But only up to
 * {@link maxDiscardBytes} and {@link maxDiscardMillis}: a client that keeps sending is cut off
 * there, so a refused body is never read to its end (before the limits, the mock read 11 GB in 8 s).
 */
const sendUnread = (req: IncomingMessage, answer: MockResponse): void => {
  const socket = req.socket
  if (!socket.writable || req.readableEnded) {
    sendRaw(socket, answer)
    return
  }
  socket.end(rawAnswer(answer))
  let left = maxDiscardBytes
  const stop = () => socket.destroy()
  const timer = setTimeout(stop, maxDiscardMillis).unref()
  socket.once("close", () => clearTimeout(timer))
  req.on("data", (chunk: Buffer) => {
    left -= chunk.length
    if (left < 0) stop()
  })
  // The body ended, or the client closed its side (it has the answer), or gave up: nothing to wait for.
  req.once("end", stop)
  req.once("error", stop)
  socket.once("end", stop)
  req.resume()
}

/** What Node's parser errors and timeouts are answered with. */
const clientErrors: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, "request headers or URL too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "the request took too long to arrive (headers or body)"],
}

const checkTimeout = (millis: number): number => {
  if (!(Number.isInteger(millis) && millis >= 1 && millis <= maxRequestTimeoutMillis)) {
    throw new Error(`requestTimeoutMillis must be a whole number from 1 to ${maxRequestTimeoutMillis}; got ${millis}`)
  }
  return millis
}

const headersOf = (req: IncomingMessage): Readonly<Record<string, string>> => {
  // Node joins repeated headers into one string, except `set-cookie` (always an array): without
  // it, Node's own object already has the shape the mock wants, so it is used as it is.
  if (req.headers["set-cookie"] === undefined) return req.headers as Readonly<Record<string, string>>
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

/** Who is calling, for the rate limit: the client's IP. */
const clientOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? "unknown"

/** Starts the mock on a port; the promise resolves once it listens. */
export const startServer = async (options: ServeOptions = {}): Promise<RunningMock> => {
  const host = options.host ?? "127.0.0.1"
  // Worked out once: a request's Host check is one Set lookup.
  const allowedHosts = Exposure.allowedHosts(host, options.allowHosts)
  const requestTimeout = checkTimeout(options.requestTimeoutMillis ?? defaultRequestTimeoutMillis)
  // Every option is checked before the port is bound: a refused one never listens, even briefly,
  // and is not hidden behind a port that is taken. Only the URL waits for the port.
  const checked = CheckedOptions.of(options)
  let mock: PolyvMock | undefined
  const timeouts = {
    requestTimeout,
    headersTimeout: requestTimeout,
    // Node checks its timeouts on this beat (30 s by default): a short timeout needs a faster one.
    connectionsCheckingInterval: Math.max(1, Math.min(30_000, Math.floor(requestTimeout / 2))),
  }
  /** A bug in the mock: still an envelope, and never a stack trace. */
  const failed = (req: IncomingMessage, res: ServerResponse): void => {
    if (!res.headersSent) send(req, res, ownError(500, "mock failure", "fail"))
  }
  /** Sends an answer that is due now, or drops the connection for a reset fault. */
  const deliver = (req: IncomingMessage, res: ServerResponse, answer: MockResponse, whole = req.complete): void => {
    // No answer at all: the client sees the connection die (ECONNRESET / "socket hang up").
    if (answer.reset) req.socket.resetAndDestroy()
    else send(req, res, answer, whole)
  }
  /** An answer still to come (admin API, report), to wait out (latency), or to a request not yet whole. */
  const deliverLater = async (
    req: IncomingMessage,
    res: ServerResponse,
    pending: MockResponse | Promise<MockResponse>,
  ): Promise<void> => {
    try {
      const answer = await pending
      if (answer.delayMillis !== undefined) await mock!.options.sleep(answer.delayMillis)
      deliver(req, res, answer)
    } catch {
      failed(req, res)
    }
  }
  /**
   * An API call's answer is ready at once (`PolyvMock.respond`): a bodiless request (every GET a
   * client sends) is answered within its `request` event, with no promise on the way.
   */
  const answer = (req: IncomingMessage, res: ServerResponse, request: MockRequest): void => {
    const pending = mock!.respond(request)
    if (pending instanceof Promise || pending.delayMillis !== undefined || !bodiless(req)) {
      void deliverLater(req, res, pending)
    } else deliver(req, res, pending, true)
  }
  const readThenAnswer = async (req: IncomingMessage, res: ServerResponse, path: string, query: string) => {
    try {
      const body = declaredTooLarge(req) ? undefined : await readBody(req)
      if (body === undefined) return send(req, res, tooLarge())
      answer(
        req,
        res,
        mockRequest({ method: "POST", path, query, headers: headersOf(req), body, client: clientOf(req) }),
      )
    } catch {
      failed(req, res)
    }
  }
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const target = targetOf(req.url ?? "/")
      if (target === undefined) {
        return send(req, res, ownError(400, "malformed request target: not a path, or not one a URL can be made of"))
      }
      if (req.headers.host === undefined && req.httpVersionMinor === 1) {
        return send(req, res, ownError(400, "an HTTP/1.1 request needs a Host header"))
      }
      const { path, query } = target
      if (isAdminRoute(path)) {
        const refused = Exposure.hostRefusal(allowedHosts, req.headers.host, mock!.redact)
        if (refused !== undefined) return send(req, res, refused)
      }
      if (req.method === "POST") return void readThenAnswer(req, res, path, query)
      answer(
        req,
        res,
        mockRequest({
          method: req.method ?? "GET",
          path,
          query,
          headers: headersOf(req),
          body: "",
          client: clientOf(req),
        }),
      )
    } catch {
      failed(req, res)
    }
  }
  // Node's own answer to HTTP/1.1 without Host is an empty 400: the handler answers it instead.
  const server = createServer({ requireHostHeader: false, ...timeouts }, handle)
  // `Expect: 100-continue`: a body over the limit is refused before the client sends it, without
  // the `100 Continue` Node would otherwise send at once.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (declaredTooLarge(req)) return sendUnread(req, tooLarge())
    res.writeContinue()
    handle(req, res)
  })
  // Requests Node cannot even parse (bad request lines, oversized headers) or that come too slowly
  // still get an envelope.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const [status, message] = clientErrors[error.code ?? ""] ?? [400, "malformed HTTP request"]
    sendRaw(socket, ownError(status, message))
  })
  // Without these listeners Node drops a CONNECT without a word and answers an unknown Expect
  // with an empty 417.
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    sendRaw(socket, ownError(405, "CONNECT is not served: the mock is a Polyv API, not a proxy"))
  })
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    send(
      req,
      res,
      ownError(417, `cannot meet Expect: ${mock!.redact(req.headers.expect ?? "")}; send no Expect header`),
    )
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const url = urlOf(server, host)
  try {
    mock = new PolyvMock(options.publicUrl === undefined ? checked.withPublicUrl(url) : checked)
  } catch (error) {
    // The options were checked: only a bug gets here, and nothing may stay listening behind it.
    await new Promise<void>((resolve) => server.close(() => resolve()))
    throw error
  }
  return {
    url,
    mock,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
