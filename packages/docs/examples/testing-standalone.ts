import { createPolyvClient, RateLimited } from "@polyv-stats/core"
import { demoCredentials, startServer } from "@polyv-stats/mock-server"

export async function main() {
  // The mock on a free local port, as `polyv-stats mock --seed docs` would run it.
  const mock = await startServer({ port: 0, seed: "docs" })
  const polyv = createPolyvClient({ ...demoCredentials, baseUrl: mock.url, retry: false })
  // The admin API under /__mock/: plain JSON, no signature. Writes say their body is JSON.
  const admin = async (path: string, body?: object) => {
    const init = body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
    return (await fetch(`${mock.url}/__mock/${path}`, init)).json()
  }
  try {
    const world = await admin("world")
    const channelId: string = world.channels[0].channelId
    const page = await polyv.sessionList({ channelId, pageSize: 5 })
    console.log(`channel ${channelId}: ${page.contents.length} sessions on page 1`)

    // Every request over the rate limit from now on.
    await admin("faults", { rates: { "rate-limit": 1 } })
    await polyv.sessionList({ channelId }).catch((error) => {
      if (error instanceof RateLimited) console.log(`${error.name}: "${error.message}" (code ${error.code})`)
      else throw error
    })
    await admin("faults", { rates: {} })

    const journal = await admin("journal?limit=2")
    for (const entry of journal.entries) {
      console.log(
        `#${entry.seq} ${entry.path} -> HTTP ${entry.outcome.status}${
          entry.outcome.fault ? `, fault ${entry.outcome.fault}` : ""
        }`,
      )
    }
  } finally {
    await polyv.close()
    await mock.close()
  }
}

// Output:
// channel 2525658: 5 sessions on page 1
// RateLimited: "qps exceeds number of calls" (code 429)
// #1 /live/v3/channel/session/data/list -> HTTP 200
// #2 /live/v3/channel/session/data/list -> HTTP 429, fault rate-limit
