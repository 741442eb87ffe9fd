// The mock on a loopback port, in a process of its own (so the load generator does not share its
// event loop). Rate limit lifted: the benchmark measures serving, not Polyv's quota. The world is
// the load's (see `loadWorld` in throughput.mjs): enough channels and sessions for many pages.
// A second argument names another checkout's root to take the build from (`mock-ab.mjs`).
import { pathToFileURL } from "node:url"

const root = process.argv[3] === undefined ? new URL("../../", import.meta.url) : pathToFileURL(`${process.argv[3]}/`)
const { startServer } = await import(new URL("packages/mock-server/dist/index.js", root).href)
const size = JSON.parse(process.argv[2] ?? "{}")
const running = await startServer({ seed: "bench", rateLimit: { limit: 1e9 }, size })
process.send({ url: running.url, channelIds: running.mock.world.channels.map((c) => c.channelId) })
process.on("SIGTERM", () => running.close().then(() => process.exit(0)))
