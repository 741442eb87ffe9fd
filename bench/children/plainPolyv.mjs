// The floor of the throughput rows: the least a server can do and still answer the load as Polyv
// (and the mock) would, written plainly with `node:http` and `node:crypto`. Each request's query is
// parsed, its appId, timestamp (within the window) and sign are checked (Polyv's rule, from
// plainRequest.mjs), and its answer is built from the account's data: a page sliced from the
// channel's sessions and `JSON.stringify`d in Polyv's envelope, or the channel's live duration.
// The parent gives the data (the mock's, read through its API) and checks, before a row runs, that
// this server answers every target of the load with the mock's bytes. What it skips that the mock
// does: the 60-day window's search (every session of the load is inside it), other endpoints and
// parameters, errors, faults, the journal, rate limiting. It imports nothing of ours.
import { createServer } from "node:http"
import { sign } from "./plainRequest.mjs"

let account
const headers = { "content-type": "application/json;charset=UTF-8" }
const envelope = (data) => JSON.stringify({ code: 200, status: "success", message: "", data })

const answer = (url) => {
  const q = url.indexOf("?")
  const path = q === -1 ? url : url.slice(0, q)
  const params = Object.fromEntries(new URLSearchParams(q === -1 ? "" : url.slice(q + 1)))
  if (
    params.appId !== account.appId || !(Math.abs(Date.now() - Number(params.timestamp)) <= account.windowMillis)
    || params.sign !== sign(account.secret, params)
  ) return undefined
  if (path === account.paths.sessionList) {
    const sessions = account.sessions.get(params.channelId)
    if (sessions === undefined) return undefined
    const pageSize = Number(params.pageSize)
    const page = Number(params.page ?? 1)
    const contents = sessions.slice((page - 1) * pageSize, page * pageSize)
    const totalItems = sessions.length
    const totalPages = Math.ceil(totalItems / pageSize)
    const offset = (page - 1) * pageSize
    return envelope({
      pageSize,
      pageNumber: page,
      totalItems,
      contents,
      startRow: offset + 1,
      firstPage: page === 1,
      lastPage: page >= totalPages,
      prePageNumber: Math.max(1, page - 1),
      nextPageNumber: Math.min(totalPages, page + 1),
      limit: pageSize,
      totalPages,
      endRow: Math.min(offset + pageSize, totalItems),
      offset,
    })
  }
  if (path === account.paths.liveDurations) {
    const duration = account.durations.get(params.channelIds)
    if (duration === undefined) return undefined
    return envelope([{ duration, channelId: Number(params.channelIds) }])
  }
  return undefined
}

const server = createServer((req, res) => {
  const body = answer(req.url)
  if (body === undefined) res.writeHead(400).end()
  else res.writeHead(200, headers).end(body)
})
server.keepAliveTimeout = 5_000
server.listen(0, "127.0.0.1", () => process.send({ url: `http://127.0.0.1:${server.address().port}` }))
process.on("message", (message) => {
  account = {
    ...message,
    sessions: new Map(Object.entries(message.sessions)),
    durations: new Map(Object.entries(message.durations)),
  }
  process.send("ok")
})
process.on("SIGTERM", () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
