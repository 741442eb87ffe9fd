// (5) Mock start: from spawning `polyv-mock --channels 1000 --sessions-per-channel 1000` to its first
// answered request (a signed session list, which generates that channel's history), vs the same for a
// bare node:http server that prints its URL. 5 runs each, alternated, medians compared.
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { World } from "../packages/mock-server/dist/index.js"
import { here, median, requestsFor, signedPath } from "./lib.mjs"

const runs = 5
const seed = "bench-start"
const size = { channels: 1000, sessionsPerChannel: 1000 }
const mockBin = here("../packages/mock-server/bin/polyv-mock.mjs")
const mockArgs = [
  mockBin,
  "--port",
  "0",
  "--seed",
  seed,
  "--channels",
  String(size.channels),
  "--sessions-per-channel",
  String(size.sessionsPerChannel),
]
const bareArgs = [here("./children/bareStart.mjs")]

const timeToFirstAnswer = async (args, path) => {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] })
  try {
    const url = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve)
      child.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)))
    })
    const response = await fetch(url.trim() + path())
    const text = await response.text()
    if (response.status !== 200) throw new Error(`first answer ${response.status}: ${text.slice(0, 200)}`)
    return performance.now() - t0
  } finally {
    child.kill("SIGTERM")
  }
}

export const run = async () => {
  // The world's channels follow from the seed alone, so the parent knows one without asking.
  const channelId = new World(seed, Date.now(), size).channels[1].channelId
  const mockPath = () => signedPath(...requestsFor(channelId).sessionList)
  const barePath = () => "/"
  const ours = []
  const base = []
  for (let i = 0; i < runs; i++) {
    ours.push(await timeToFirstAnswer(mockArgs, mockPath))
    base.push(await timeToFirstAnswer(bareArgs, barePath))
  }
  const o = median(ours)
  const b = median(base)
  return [{
    id: "start.mock",
    measurement: "mock start, 1000×1000 world: to first answer",
    ours: Math.round(o),
    baseline: Math.round(b),
    unit: "ms",
    ratio: o / b,
    goal: "≤ 3× bare node:http",
    pass: o / b <= 3,
    detail: { ours, baseline: base },
  }]
}
