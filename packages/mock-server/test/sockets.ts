/**
 * Test support for talking to the mock over real sockets: an HTTP call whose headers (Host,
 * Origin, …) the test sets freely, and raw bytes over node:net for what an HTTP client would
 * never send.
 */
import { type IncomingHttpHeaders, request } from "node:http"
import { connect } from "node:net"

export interface HttpAnswer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly text: string
}

/** One request with node:http (which, unlike fetch, sends any `Host` it is given). */
export const httpCall = (
  url: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
) =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const { port, hostname } = new URL(url)
    const req = request({
      host: hostname,
      port,
      path,
      method: init.method ?? "GET",
      headers: init.headers,
      timeout: 5_000,
    }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => (text += chunk))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on("timeout", () => req.destroy(new Error(`no answer within 5 s for ${path.slice(0, 80)}`)))
    req.on("error", reject)
    req.end(init.body)
  })

/** The admin API's error message in an answer. */
export const errorMessage = (answer: HttpAnswer): string =>
  (JSON.parse(answer.text) as { error: { message: string } }).error.message

/**
 * Writes raw bytes to the mock and collects what it sends until it closes the connection (each
 * case here is one the mock answers and closes; a hung case fails on the test's timeout).
 */
export const exchange = (url: string, bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const { port, hostname } = new URL(url)
    const socket = connect(Number(port), hostname)
    let received = ""
    socket.setEncoding("utf8")
    socket.on("data", (chunk: string) => (received += chunk))
    socket.on("close", () => resolve(received))
    socket.on("error", reject)
    socket.write(bytes)
  })
