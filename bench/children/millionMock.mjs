// The mock on a loopback port in a process of its own, with one channel of `sessions` sessions
// (250 a day: 1 000 000 by default span ~11 years, within what 13-digit timestamps name), rate limit lifted: the stream and CLI rows read the whole
// channel over a socket. Reports its URL, the channel and the range holding exactly its sessions.
import { startServer } from "../../packages/mock-server/dist/index.js"

const sessions = Number(process.argv[2] ?? 1_000_000)
const running = await startServer({
  seed: "bench-million",
  size: { channels: 2, sessionsPerChannel: sessions, historyDays: Math.ceil(sessions / 250) },
  rateLimit: { limit: 1e9 }, // the stream, not Polyv's quota
})
const channel = running.mock.world.channels[1]
const history = running.mock.world.history(channel) // generated now, before anyone measures
process.send({
  url: running.url,
  channelId: channel.channelId,
  sessions: history.startTime.length,
  oldest: history.startTime[history.startTime.length - 1],
})
process.on("SIGTERM", () => running.close().then(() => process.exit(0)))
