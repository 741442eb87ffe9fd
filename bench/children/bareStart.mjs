// The mock-start baseline: a bare node:http server that prints its URL first, like polyv-mock.
import { createServer } from "node:http"

const body = JSON.stringify({ code: 200, status: "success", message: "", data: [] })
const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body))
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`))
process.on("SIGTERM", () => process.exit(0))
