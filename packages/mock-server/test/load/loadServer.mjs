// The mock in a process of its own, so the load test measures the server's heap and not the
// load generator's. Answers "heap" (after a full GC) and "stop" over IPC.
import { startServer } from "../../dist/index.js"

const running = await startServer({ seed: "load", rateLimit: { limit: 1e9 } })
process.send({ url: running.url, channelId: running.mock.world.channels[1].channelId })
process.on("message", async (message) => {
  if (message === "heap") {
    globalThis.gc()
    globalThis.gc()
    process.send({ heap: process.memoryUsage().heapUsed })
  } else if (message === "stop") {
    await running.close()
    process.exit(0)
  }
})
