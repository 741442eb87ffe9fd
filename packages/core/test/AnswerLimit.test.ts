/**
 * An answer larger than `AnswerLimit.maxAnswerBytes` is refused, never read whole (issue 16,
 * review): a hostile server on a real socket announces a huge body or sends an endless one, through
 * both socket transports a user can give the client (the in-process mock's answers in memory are
 * checked in the mock's `inProcessClient.test.ts`). The refusal is an
 * `UnexpectedResponse` naming the limit, after one attempt whatever the status; a body of exactly
 * the limit is still read.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Layer, Result } from "effect"
import type * as net from "node:net"
import { AnswerLimit, type CallError, PolyvClient } from "../src/index.js"
import { hostile, transports, until } from "./hostileServer.js"

const limit = AnswerLimit.maxAnswerBytes
const whole = (data: unknown) => JSON.stringify({ code: 200, status: "success", message: "", data })

const head = (status: number, framing: string) =>
  `HTTP/1.1 ${status} Whatever\r\ncontent-type: application/json\r\n${framing}\r\n`

/** Announces a body one byte over the limit, then sends nothing: a client waiting for it would hang. */
const announcedOver = (status: number) => (socket: net.Socket) => {
  socket.write(head(status, `content-length: ${limit + 1}\r\n`))
}

/**
 * A chunked body that never ends: written as fast as the client reads it, until the connection
 * closes (or, if the client never stopped, at four times the limit). `sent` counts its bytes.
 */
const endless = (sent: { bytes: number }) => (socket: net.Socket) => {
  const chunk = `10000\r\n${" ".repeat(0x10000)}\r\n`
  socket.write(head(200, "transfer-encoding: chunked\r\n"))
  const pump = () => {
    while (!socket.destroyed && sent.bytes < 4 * limit) {
      sent.bytes += 0x10000
      if (!socket.write(chunk)) return void socket.once("drain", pump)
    }
    socket.destroy()
  }
  pump()
}

/** A JSON answer of exactly `limit` bytes: a whole envelope, padded with white space. */
const exactly = (bytes: number) => {
  const body = whole([{ channelId: 1, duration: 60 }])
  return body + " ".repeat(bytes - body.length)
}

const durations = (client: Layer.Layer<PolyvClient>) =>
  PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(Effect.provide(client), Effect.result)

const refused = (result: Result.Result<unknown, CallError>) => {
  const error = Result.isFailure(result) ? result.failure : undefined
  if (error?._tag !== "UnexpectedResponse") return expect.unreachable(`UnexpectedResponse, not ${error?._tag}`)
  expect(error.bodyLimit).toBe(limit)
  expect(error.message).toMatch(/^the answer is larger than 16 MiB.*: not a Polyv statistics answer$/)
  return error.message
}

describe.each(transports)("over a real socket, %s", (name, client) => {
  for (const status of [200, 503]) {
    it.live(`a Content-Length over the limit (HTTP ${status}) is refused unread, after one attempt`, () =>
      Effect.gen(function*() {
        const server = yield* hostile([announcedOver(status)])
        const message = refused(yield* durations(client(server.url)))
        expect(message).toContain(`(Content-Length ${limit + 1})`)
        expect(server.requests).toHaveLength(1)
        // core's transport gives the connection up at once (fetch leaves it to be collected).
        if (name.startsWith("core")) yield* until(() => server.closed() === 1)
      }).pipe(Effect.scoped))
  }

  it.live("an endless body without a length is cut off just past the limit, its connection closed", () =>
    Effect.gen(function*() {
      const sent = { bytes: 0 }
      const server = yield* hostile([endless(sent)])
      refused(yield* durations(client(server.url)))
      yield* until(() => server.closed() === 1)
      expect(server.requests).toHaveLength(1)
      // What was written but not read is what the sockets' buffers hold: a few MB, never the rest.
      expect(sent.bytes).toBeGreaterThan(limit)
      expect(sent.bytes).toBeLessThan(2 * limit)
    }).pipe(Effect.scoped))

  it.live("a body of exactly the limit is read", () =>
    Effect.gen(function*() {
      const body = exactly(limit)
      const server = yield* hostile([(socket) => socket.end(head(200, `content-length: ${limit}\r\n`) + body)])
      expect(yield* durations(client(server.url))).toEqual(Result.succeed([{ channelId: "1", duration: 60 }]))
    }).pipe(Effect.scoped))
})
