// Profiles the mock under the throughput row's load: node bench/profile-mock.mjs [s|d]  (session
// list | durations); writes a .cpuprofile to bench/.profiles; read it with bench/profile-top.mjs.
import autocannon from "autocannon"
import { signedPath, startChild } from "./lib.mjs"
import { loadPlan, loadWorld, perConnection } from "./throughput.mjs"

const which = process.argv[2]
const mock = await startChild("./children/mockServer.mjs", [JSON.stringify(loadWorld)], [
  "--cpu-prof",
  "--cpu-prof-dir=bench/.profiles",
])
const { channelIds, url } = mock.ready
const plan = loadPlan(channelIds)
const now = Date.now()
const targets = (which === "d" ? plan.liveDurations : plan.sessionList).map(([path, params]) =>
  signedPath(path, params, now)
)
const r = await autocannon({ url, connections: 64, duration: 6, ...perConnection(targets) })
console.log(r.requests.average, r.non2xx)
await mock.stop()
