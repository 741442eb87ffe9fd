// The CLI row's limit: what `polyv-stats sessions --all --format ndjson` writes, written by plain
// Node from the same server — raw `node:http` paging (`rawPages.mjs`), `JSON.parse`, each session as
// the client decodes it (channel ID as a string, `customId` kept only when sent), one write per page
// that waits for stdout to take it.
import { close, rawPages } from "./rawPages.mjs"

const [base, channelId, from, to, pageSize] = process.argv.slice(2)

const write = (text) => new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())))

for await (const contents of rawPages(base, channelId, Number(from), Number(to), Number(pageSize))) {
  let text = ""
  for (const s of contents) {
    const row = {
      sessionId: s.sessionId,
      channelId: String(s.channelId),
      userId: s.userId,
      startTime: s.startTime,
      endTime: s.endTime,
    }
    if ("customId" in s) row.customId = s.customId
    text += `${JSON.stringify(row)}\n`
  }
  await write(text)
}
close()
