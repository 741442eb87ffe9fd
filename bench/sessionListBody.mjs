// The session list's body writer against the plain version it stands in for (the contract's
// encoder, then JSON.stringify), in a loop over pages like the mock's: 20 sessions of one channel.
//   node bench/sessionListBody.mjs [rounds]
// Prints CPU µs per body for each (with its byte length and UTF-8 bytes, as the server needs them), alternated over rounds. Needs a build.
import { Schema } from "effect"
import { Contract, Envelope } from "../packages/core/dist/index.js"
import { writeSessionListBody } from "../packages/mock-server/dist/endpoints/SessionListBody.js"
import { median, round } from "./lib.mjs"

const rounds = Number(process.argv[2] ?? 7)
const perRound = 20_000
const encodePage = Schema.encodeSync(Contract.sessionList.data)
const plain = (page, envelope) => JSON.stringify(envelope(encodePage(page)))

/** 64 different pages (channels × page numbers), as the throughput row's load asks for. */
const pages = Array.from({ length: 64 }, (_, p) => {
  const channelId = String(2_000_000 + 997 * (p % 8))
  const contents = Array.from({ length: 20 }, (_unused, i) => {
    const startTime = 1_760_000_000_000 - (p * 20 + i) * 3_600_000
    return {
      sessionId: (p * 20 + i).toString(36).padStart(10, "k"),
      channelId,
      userId: "a1b2c3d4e5",
      startTime,
      endTime: i % 7 === 0 ? null : startTime + 1_800_000,
      customId: null,
    }
  })
  const pageNumber = 1 + (p >> 3)
  return {
    pageSize: 20,
    pageNumber,
    totalItems: 1000,
    contents,
    startRow: (pageNumber - 1) * 20 + 1,
    firstPage: pageNumber === 1,
    lastPage: false,
    prePageNumber: Math.max(1, pageNumber - 1),
    nextPageNumber: pageNumber + 1,
    limit: 20,
    totalPages: 50,
    endRow: pageNumber * 20,
    offset: (pageNumber - 1) * 20,
  }
})
for (const page of pages) {
  if (writeSessionListBody(page, Envelope.v3Success) !== plain(page, Envelope.v3Success)) {
    throw new Error("bytes differ")
  }
}

const time = (write) => {
  const t0 = process.cpuUsage()
  let length = 0
  // What the server then does with the body: its byte length, and its UTF-8 bytes for the socket
  // (a string made of many pieces is flattened first: that cost belongs to the writer).
  for (let i = 0; i < perRound; i++) {
    const body = write(pages[i & 63], Envelope.v3Success)
    length += Buffer.byteLength(body) + Buffer.from(body).length
  }
  const cpu = process.cpuUsage(t0)
  if (length === 0) throw new Error("nothing written")
  return (cpu.user + cpu.system) / perRound
}
const sides = { plain: [], writer: [] }
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ["writer", "plain"] : ["plain", "writer"]) {
    sides[name].push(time(name === "plain" ? plain : writeSessionListBody))
  }
}
console.log(
  `CPU µs per body (median of ${rounds}): plain ${round(median(sides.plain))}, writer ${round(median(sides.writer))}`,
)
