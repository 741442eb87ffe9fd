/**
 * The `node:http` pieces the mock's server and the recorder (`cassette/Recorder.ts`) share: a
 * request body read up to its cap, and the URL a listening server is reached at. Not exported from
 * the package: its types are Node's, which a consumer's types need not know.
 *
 * @module
 */
import type { IncomingMessage, Server } from "node:http"
import type { AddressInfo } from "node:net"
import { maxBodyBytes } from "../protocol/MockRequest.js"
import { ownError } from "../protocol/OwnError.js"

/** The answer to a body over {@link maxBodyBytes}. */
export const tooLarge = () =>
  ownError(413, `request body over ${maxBodyBytes} bytes; the mock answers form posts, not uploads`)

/**
 * The body of a POST, or `undefined` once it grows past {@link maxBodyBytes}: reading stops there
 * (a body sent without a length, chunked; the answer then closes the connection).
 */
export const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        req.off("data", onData)
        req.pause()
        resolve(undefined)
      } else chunks.push(chunk)
    }
    req.on("data", onData)
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

/** The URL a server listening on `host` is reached at (an any-address host as 127.0.0.1). */
export const urlOf = (server: Server, host: string) => {
  const { port } = server.address() as AddressInfo
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host
  return `http://${shown}:${port}`
}
