// The client measurement alone, `repeat` times in one process, for profiling and for medians:
//   node bench/clientAlone.mjs [repeat]
//   node --cpu-prof --cpu-prof-dir=bench/.profiles bench/clientAlone.mjs 1
// Starts the mock (only to record its session-list bytes) and the bare server, as `run.mjs client`.
import * as client from "./client.mjs"
import { median, round, startChild } from "./lib.mjs"
import { recordRoutes } from "./throughput.mjs"

const repeat = Number(process.argv[2] ?? 3)
const mock = await startChild("./children/mockServer.mjs")
const bare = await startChild("./children/bareServer.mjs")
try {
  const { channelId } = mock.ready
  const { routes } = await recordRoutes(mock.ready.url, channelId)
  await mock.stop()
  await bare.ask({ routes })
  const rows = []
  for (let i = 0; i < repeat; i++) rows.push((await client.run({ bare: bare.ready, channelId }))[0])
  const pick = (key) => round(median(rows.map((r) => r[key])))
  console.log(
    `median of ${repeat}: core ${pick("ours")} µs/call, raw ${pick("baseline")} µs/call, ratio ${pick("ratio")}×`,
  )
} finally {
  await mock.stop()
  await bare.stop()
}
