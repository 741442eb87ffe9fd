// The mock on a loopback port, in a process of its own (so the load generator does not share its
// event loop). Rate limit lifted: the benchmark measures serving, not Polyv's quota.
import { startServer } from "../../packages/mock-server/dist/index.js"

const running = await startServer({ seed: "bench", rateLimit: { limit: 1e9 } })
process.send({ url: running.url, channelId: running.mock.world.channels[1].channelId })
process.on("SIGTERM", () => running.close().then(() => process.exit(0)))
