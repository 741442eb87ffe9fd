// The baseline: bare node:http answering, per path, the exact status, headers and bytes the mock
// answered (sent by the parent over IPC), with no work per request beyond routing by path.
import { createServer } from "node:http"

let routes = {}
const server = createServer((req, res) => {
  const q = req.url.indexOf("?")
  const route = routes[q === -1 ? req.url : req.url.slice(0, q)]
  if (route === undefined) res.writeHead(404).end()
  else res.writeHead(route.status, route.headers).end(route.body)
})
server.keepAliveTimeout = 5_000
server.listen(0, "127.0.0.1", () => process.send({ url: `http://127.0.0.1:${server.address().port}` }))
process.on("message", (message) => {
  routes = message.routes
  process.send("ok")
})
process.on("SIGTERM", () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
