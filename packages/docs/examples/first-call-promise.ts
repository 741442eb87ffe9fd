import { createPolyvClient, IllegalChannelId } from "@polyv-stats/core"
import { pathToFileURL } from "node:url"

export async function main() {
  const polyv = createPolyvClient({
    appId: process.env.POLYV_APP_ID!,
    appSecret: process.env.POLYV_APP_SECRET!,
    baseUrl: process.env.POLYV_BASE_URL,
  })
  try {
    // Every session of the first half of 2026, fetched page by page as the loop asks for more.
    let count = 0
    for await (
      const session of polyv.sessions("2526962", {
        from: new Date("2026-01-01T00:00:00+08:00"),
        to: new Date("2026-06-30T23:59:59+08:00"),
      })
    ) {
      if (count++ === 0) console.log(`newest: ${session.sessionId}`)
    }
    console.log(`${count} sessions from January to June`)

    const [duration] = await polyv.liveDurations({ channelIds: ["2526962"] })
    console.log(`live for ${Math.round(duration!.duration / 3600)} hours in all`)

    await polyv.liveDurations({ channelIds: ["1234567"] })
  } catch (error) {
    // Failures reject with the same classes as the Effect API's tagged errors.
    if (error instanceof IllegalChannelId) console.log(`not our channel: ${error.channelId} (${error.message})`)
    else throw error
  } finally {
    await polyv.close()
  }
}

// Run as a script (`node first-call-promise.ts`; before Node 22.18, `npx tsx`).
// The docs' test imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main()

// Output:
// newest: ftqqwe8n4l
// 50 sessions from January to June
// live for 81 hours in all
// not our channel: 1234567 (illegal channel id: 1234567)
