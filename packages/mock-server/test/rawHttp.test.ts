/**
 * Raw HTTP edges over a real socket (node:net, bytes as written): every request gets an answer,
 * the mock's JSON where a body is sent, and a refused body closes the connection unread.
 */
import { Contract } from "@polyv-stats/core"
import { connect } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { maxBodyBytes, type RunningMock, startServer } from "../src/index.js"
import { exchange } from "./sockets.js"

/** The status and the parsed JSON body of a raw answer (content-length or chunked). */
const parsed = (raw: string) => {
  const [head, ...rest] = raw.split("\r\n\r\n")
  const body = rest.join("\r\n\r\n")
  const chunked = /transfer-encoding: chunked/i.test(head!)
  const json = chunked ? body.slice(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n")) : body
  return { status: Number(head!.split(" ")[1]), head: head!.toLowerCase(), json: JSON.parse(json) }
}

describe("raw HTTP edges", () => {
  let running: RunningMock
  let hasty: RunningMock
  beforeAll(async () => {
    running = await startServer({ seed: "raw" })
    // A short request timeout (and Node's check beat with it) so the 408 cases take a fraction of a
    // second; only they use it, so a slow machine cannot turn another case's answer into a 408.
    hasty = await startServer({ seed: "raw", requestTimeoutMillis: 100 })
  })
  afterAll(() => Promise.all([running.close(), hasty.close()]))

  const cases: ReadonlyArray<readonly [string, string, number, RegExp]> = [
    ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405, /not a proxy/],
    ["Expect: foo", "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n", 417, /Expect: foo/],
    ["GET //[", "GET //[ HTTP/1.1\r\nHost: a\r\n\r\n", 400, /malformed request target/],
    ["HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400, /needs a Host header/],
    ["headers that never end", "GET / HTTP/1.1\r\nHost: a\r\n", 408, /too long/],
    [
      "a body that stops half-way",
      `POST ${Contract.yunduoSummary.path} HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabcde`,
      408,
      /too long/,
    ],
  ]
  for (const [name, bytes, status, message] of cases) {
    it(`${name}: ${status} with the mock's JSON error, then the connection closes`, async () => {
      const answer = parsed(await exchange((status === 408 ? hasty : running).url, bytes))
      expect(answer.status).toBe(status)
      expect(answer.head).toContain("connection: close")
      expect(answer.head).toContain("content-type: application/json")
      expect(answer.json).toMatchObject({ code: status, status: "error" })
      expect(answer.json.message).toMatch(message)
    })
  }

  it("a body over the limit: 413, the connection closed, and the rest of the body never read", async () => {
    const { port, hostname } = new URL(running.url)
    const cap = 256 * 1024 * 1024
    const chunk = Buffer.alloc(64 * 1024, "a")
    const result = await new Promise<{ received: string; sent: number; ended: string }>((resolve) => {
      const socket = connect(Number(port), hostname)
      let received = ""
      let sent = 0
      let ended = ""
      const finish = (why: string) => {
        if (ended !== "") return
        ended = why
        socket.destroy()
        resolve({ received, sent, ended })
      }
      socket.setEncoding("utf8")
      socket.on("data", (text: string) => (received += text))
      socket.on("close", () => finish("closed"))
      socket.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? "error"))
      socket.write(
        `POST ${Contract.yunduoSummary.path} HTTP/1.1\r\nHost: a\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${cap}\r\n\r\n`,
      )
      // Writes as fast as the socket takes it, until the mock closes or the whole cap is sent.
      const pump = () => {
        if (ended !== "") return
        while (sent < cap) {
          sent += chunk.length
          if (!socket.write(chunk)) return void socket.once("drain", pump)
        }
        finish("sent everything")
      }
      pump()
    })
    expect(result.ended).not.toBe("sent everything")
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /)
    expect(result.received.toLowerCase()).toContain("connection: close")
    expect(result.received).toContain(`request body over ${maxBodyBytes} bytes`)
    // What was sent is the limit plus what the kernel's socket buffers took: far below the body.
    expect(result.sent).toBeLessThan(cap / 8)
  })

  const summaryHead = (length: number, extra = "") =>
    `POST ${Contract.yunduoSummary.path} HTTP/1.1\r\nHost: a\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n${extra}\r\n`

  it("a Content-Length over the limit: 413 at once, before any body, and no 100 Continue for Expect", async () => {
    // Only the head is sent: the answer must come without the mock waiting for the body.
    // A length past what a JavaScript number holds exactly (2^60) is over the limit too.
    for (const [expect100, length] of [[true, 100_000_000], [false, 100_000_000], [true, 2 ** 60]] as const) {
      const raw = await exchange(running.url, summaryHead(length, expect100 ? "Expect: 100-continue\r\n" : ""))
      expect(raw, `Expect: ${expect100}, length ${length}`).toMatch(/^HTTP\/1\.1 413 /)
      expect(raw).not.toContain("100 Continue")
      const answer = parsed(raw)
      expect(answer.head).toContain("connection: close")
      expect(answer.json.message).toContain(`request body over ${maxBodyBytes} bytes`)
    }
    // Within the limit, Expect: 100-continue still gets its 100 and then the answer.
    const body = "appId=x"
    const head = summaryHead(body.length, "Expect: 100-continue\r\nConnection: close\r\n")
    const raw = await exchange(running.url, `${head}${body}`)
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /)
  })

  it("a client still sending when the 413 comes sees it, and no reset, once it stops", async () => {
    // As fetch does: it sends its body until the answer arrives, then stops. Had the mock closed
    // at once, the client, still sending, would be reset (EPIPE) instead of seeing the 413.
    const { port, hostname } = new URL(running.url)
    const chunk = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, "a"), Buffer.from("\r\n")])
    const result = await new Promise<{ received: string; error: string | undefined }>((resolve) => {
      const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true })
      let received = ""
      let error: string | undefined
      socket.setEncoding("utf8")
      socket.on("data", (text: string) => {
        if (received === "") socket.end()
        received += text
      })
      socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
      socket.on("close", () => resolve({ received, error }))
      socket.write(
        `POST ${Contract.yunduoSummary.path} HTTP/1.1\r\nHost: a\r\n` +
          "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
      )
      // Fills the socket's buffer, then again each time it drains, until the answer has come.
      const pump = (): void => {
        if (received !== "" || socket.destroyed) return
        let room = true
        while (room) room = socket.write(chunk)
        socket.once("drain", pump)
      }
      pump()
    })
    expect(result.error).toBeUndefined()
    expect(result.received).toMatch(/^HTTP\/1\.1 413 /)
  })

  it("an ordinary request still keeps its connection alive", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const { port, hostname } = new URL(running.url)
      const socket = connect(Number(port), hostname)
      socket.setEncoding("utf8")
      socket.on("data", (text: string) => {
        socket.destroy()
        resolve(text)
      })
      socket.on("error", reject)
      socket.write("GET /__mock/world HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    })
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
    expect(answer.toLowerCase()).toContain("connection: keep-alive")
  })
})
