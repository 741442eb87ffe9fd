/**
 * A hostile server on a raw socket (`node:net`, port 0), for answers a well-behaved `node:http`
 * server would not send: cut short, announced larger than sent, endless. It answers its n-th
 * request with `replies[n]` (the last one after that) and records each request's head and when
 * each connection closes; closing it destroys the connections still open. {@link transports} are
 * the two ways the project's clients reach it.
 */
import { Effect, Layer, Redacted, Schedule } from "effect"
import { FetchHttpClient } from "effect/http"
import * as net from "node:net"
import { PolyvClient } from "../src/index.js"

/** One answer: it writes to the socket (and may end it, or go on writing). */
export type Reply = (socket: net.Socket) => void

export interface Hostile {
  readonly url: string
  /** Each request's head (request line and headers). */
  readonly requests: Array<string>
  /** How many connections have closed, from either side. */
  readonly closed: () => number
}

export const hostile = (replies: ReadonlyArray<Reply>) =>
  Effect.acquireRelease(
    Effect.callback<Hostile & { readonly server: net.Server; readonly sockets: Set<net.Socket> }>((resume) => {
      const requests: Array<string> = []
      const sockets = new Set<net.Socket>()
      let closed = 0
      const server = net.createServer((socket) => {
        sockets.add(socket)
        socket.on("error", () => {})
        socket.on("close", () => {
          sockets.delete(socket)
          closed++
        })
        let received = ""
        socket.on("data", (chunk) => {
          received += chunk
          const end = received.indexOf("\r\n\r\n")
          if (end < 0) return
          requests.push(received.slice(0, end))
          received = received.slice(end + 4)
          replies[Math.min(requests.length, replies.length) - 1]!(socket)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, requests, closed: () => closed, server, sockets }))
      })
    }),
    ({ server, sockets }) =>
      Effect.callback<void>((resume) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resume(Effect.void))
      }),
  )

/** Waits (on the event loop, not a clock) until `ready` holds. */
export const until = (ready: () => boolean) =>
  Effect.callback<void>((resume) => {
    const check = () => (ready() ? resume(Effect.void) : setImmediate(check))
    check()
  })

const options = (baseUrl: string) => ({
  appId: "app",
  appSecret: Redacted.make("hostile-server-secret"),
  baseUrl,
  rateLimit: false as const,
  // No waits between attempts: what is retried is the policy's filter, whatever the schedule.
  retry: { schedule: Schedule.recurs(3) },
})

/**
 * A client of `baseUrl` through each transport a user can give it over a socket: core's `node:http`
 * one (the CLI's too) and Effect's `fetch` one.
 */
export const transports = [
  ["core's node:http transport", (baseUrl: string) => PolyvClient.layerNode(options(baseUrl))],
  [
    "fetch",
    (baseUrl: string) => PolyvClient.layer(options(baseUrl)).pipe(Layer.provide(FetchHttpClient.layer)),
  ],
] as const
