// The baseline's way to read a channel's sessions: raw `node:http` on one keep-alive connection,
// signed paths, `JSON.parse`, the same 60-day windows and pages as core's stream. Yields each page's
// `contents` as Polyv sent them. Shared by the stream row's "raw" side and the CLI row's limit.
// It imports nothing of ours (plainRequest.mjs signs): the endpoint's path, the window span and the
// credentials come from the parent, in the environment.
import { Agent } from "node:http"
import { getText, successData } from "../light.mjs"
import { chinaDateTime, signedPath, splitWindows } from "./plainRequest.mjs"

const credentials = { appId: process.env.POLYV_APP_ID, secret: process.env.POLYV_APP_SECRET }
const sessionListPath = process.env.BENCH_SESSION_LIST_PATH
const spanDays = Number(process.env.BENCH_MAX_SPAN_DAYS)

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

/** Every page of `channelId` from `from` to `to` (ms), newest first. */
export async function* rawPages(base, channelId, from, to, pageSize) {
  const server = new URL(base)
  for (const window of splitWindows(from, to, spanDays)) {
    for (let page = 1;; page++) {
      const params = {
        channelId,
        startDate: chinaDateTime(window.from),
        endDate: chinaDateTime(window.to),
        page: String(page),
        pageSize: String(pageSize),
      }
      const path = signedPath(sessionListPath, params, credentials)
      const data = successData(await getText({ agent, hostname: server.hostname, port: server.port, path }))
      // A baseline that counted a page it could not read as work done would flatter itself.
      if (!Array.isArray(data?.contents)) {
        throw new Error(`GET ${sessionListPath}: not a session-list page: ${JSON.stringify(data)?.slice(0, 200)}`)
      }
      yield data.contents
      if (data.lastPage || page >= data.totalPages || data.contents.length === 0) break
    }
  }
}

export const close = () => agent.destroy()
