// Profiles the mock under load: node bench/profile-mock.mjs [s|d]  (session list | durations);
// writes a .cpuprofile to bench/.profiles; read it with bench/profile-top.mjs.
import autocannon from "autocannon"
import { requestsFor, signedPath, startChild } from "./lib.mjs"
const which = process.argv[2]
const mock = await startChild("./children/mockServer.mjs", [], ["--cpu-prof", "--cpu-prof-dir=bench/.profiles"])
const { channelId, url } = mock.ready
const requests = requestsFor(channelId)
const path = signedPath(...(which === "d" ? requests.liveDurations : requests.sessionList))
const r = await autocannon({ url, connections: 64, duration: 6, requests: [{ method: "GET", path }] })
console.log(r.requests.average, r.non2xx)
await mock.stop()
