/**
 * Serves a {@link PolyvMock} over a real socket with `node:http`. Faults that only a socket can
 * show happen here: a reset destroys the connection without an answer, latency holds the answer
 * back (through the mock's `sleep`, a real timer unless told otherwise).
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
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { MockOptions } from "../MockOptions.js"
import { PolyvMock } from "../PolyvMock.js"
import { mockRequest } from "../protocol/MockRequest.js"
import { ownError } from "../protocol/OwnError.js"

export interface ServeOptions extends MockOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 0: any free port. */
  readonly port?: number | undefined
}

export interface RunningMock {
  /** Where the mock listens, e.g. `http://127.0.0.1:43121`. */
  readonly url: string
  readonly mock: PolyvMock
  readonly close: () => Promise<void>
}

/** Bodies larger than this are refused: the mock answers form posts, not uploads. */
export const maxBodyBytes = 64 * 1024

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        resolve(undefined)
        req.resume()
      } else chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

/** A request target whose path and query `new URL` would take as they are (ASCII, no dots, no `#`). */
const plainTarget = /^\/(?!\/)[A-Za-z0-9_\-/]*(\?[\x21-\x22\x24-\x7e]*)?$/

/** The path and query (without its `?`) of a request target, as `new URL(target, base)` reads them. */
const targetOf = (target: string): { readonly path: string; readonly query: string } => {
  // On the hot path (every API call is a plain target) the URL parser is skipped.
  if (plainTarget.test(target)) {
    const q = target.indexOf("?")
    return q === -1 ? { path: target, query: "" } : { path: target.slice(0, q), query: target.slice(q + 1) }
  }
  const url = new URL(target, "http://mock")
  return { path: url.pathname, query: url.search.slice(1) }
}

const urlOf = (server: Server, host: string) => {
  const { port } = server.address() as AddressInfo
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host
  return `http://${shown}:${port}`
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

/** Starts the mock on a port; the promise resolves once it listens. */
export const startServer = async (options: ServeOptions = {}): Promise<RunningMock> => {
  const host = options.host ?? "127.0.0.1"
  let mock: PolyvMock | undefined
  const server = createServer(async (req, res) => {
    try {
      const { path, query } = targetOf(req.url ?? "/")
      const body = req.method === "POST" ? await readBody(req) : ""
      if (body === undefined) {
        const message = `request body over ${maxBodyBytes} bytes; the mock answers form posts, not uploads`
        const tooLarge = ownError(413, message)
        res.writeHead(tooLarge.status, tooLarge.headers).end(tooLarge.body)
        return
      }
      const answer = await mock!.handle(mockRequest({
        method: req.method ?? "GET",
        path,
        query,
        headers: headersOf(req),
        body,
        client: req.socket.remoteAddress ?? "unknown",
      }))
      if (answer.delayMillis !== undefined) await mock!.options.sleep(answer.delayMillis)
      if (answer.reset) {
        // No answer at all: the client sees the connection die (ECONNRESET / "socket hang up").
        req.socket.resetAndDestroy()
        return
      }
      res.writeHead(answer.status, answer.headers).end(answer.body)
    } catch {
      // A bug in the mock: still an envelope, and never a stack trace.
      if (!res.headersSent) {
        const failed = ownError(500, "mock failure", "fail")
        res.writeHead(failed.status, failed.headers).end(failed.body)
      }
    }
  })
  // Requests Node cannot even parse (bad request lines, oversized headers) still get an envelope.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy()
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW"
    const status = tooLarge ? 431 : 400
    const answer = ownError(status, tooLarge ? "request headers or URL too large" : "malformed HTTP request")
    const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n${headers}` +
        `content-length: ${Buffer.byteLength(answer.body)}\r\nconnection: close\r\n\r\n${answer.body}`,
    )
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const url = urlOf(server, host)
  mock = new PolyvMock({ ...options, publicUrl: options.publicUrl ?? url })
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
