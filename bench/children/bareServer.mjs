// The baseline: bare node:http answering the exact status, headers and bytes the mock answered
// (sent by the parent over IPC), with no work per request beyond routing: one Map lookup of the
// whole request target (the throughput load, many pages and channels, signed just before use),
// else by path alone (the client rows, whose client signs each call itself).
import { createServer } from "node:http"

let byTarget = new Map()
let byPath = {}
const server = createServer((req, res) => {
  let route = byTarget.get(req.url)
  if (route === undefined) {
    const q = req.url.indexOf("?")
    route = byPath[q === -1 ? req.url : req.url.slice(0, q)]
  }
  if (route === undefined) res.writeHead(404).end()
  else res.writeHead(route.status, route.headers).end(route.body)
})
server.keepAliveTimeout = 5_000
server.listen(0, "127.0.0.1", () => process.send({ url: `http://127.0.0.1:${server.address().port}` }))
process.on("message", (message) => {
  if (message.routes) byPath = message.routes
  if (message.targets) byTarget = new Map(message.targets)
  process.send("ok")
})
process.on("SIGTERM", () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
