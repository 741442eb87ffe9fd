// The client measurement alone, `repeat` times in one process, for profiling and for medians:
//   node bench/clientAlone.mjs [repeat]
//   node --cpu-prof --cpu-prof-dir=bench/.profiles bench/clientAlone.mjs 1
// Starts the mock (only to record its session-list bytes) and the bare server, as `run.mjs client`.
import * as client from "./client.mjs"
import { median, round } from "./lib.mjs"
import { bareWithMockBytes } from "./throughput.mjs"

const repeat = Number(process.argv[2] ?? 3)
const { bare, channelId, stop } = await bareWithMockBytes()
try {
  const rows = []
  for (let i = 0; i < repeat; i++) rows.push((await client.run({ bare, channelId }))[0])
  const pick = (key) => round(median(rows.map((r) => r[key])))
  console.log(
    `median of ${repeat}: core ${pick("ours")} CPU µs/call, raw node:http ${pick("baseline")} CPU µs/call, ratio ${
      pick("ratio")
    }×`,
  )
} finally {
  await stop()
}
