/**
 * Records.printStream in-process, over a stdout whose writes the test sees and answers: a page of
 * rows goes out in one write, the bytes are exactly those of one write a row, the next page waits
 * until stdout has taken the last (backpressure), and a failed write stops the output there.
 */
import type { Contract } from "@polyv-stats/core"
import { Effect, Exit, Stream } from "effect"
import { afterEach, describe, expect, it, vi } from "vitest"
import * as Records from "../src/output/Records.js"
import * as Sessions from "../src/output/Sessions.js"

const session = (i: number): Contract.Session => ({
  sessionId: `s${i}`,
  channelId: String(2272655 + i),
  userId: `u${i}`,
  startTime: 1_700_000_000_000 - i * 60_000,
  endTime: i % 3 === 0 ? null : 1_700_000_030_000 - i * 60_000,
  // CSV's quoting and JSON's escapes, and a record without the field.
  ...(i % 2 === 0 ? { customId: i % 4 === 0 ? `a,"b"\n${i}` : null } : {}),
} as Contract.Session)

const rows = Array.from({ length: 11 }, (_, i) => session(i))
const view = { utc: true, now: 1_700_000_100_000 }
const formats = ["ndjson", "csv", "json"] as const

/** stdout's writes, answered at once or held by `hold`; `fail` makes each answer an error. */
const captureStdout = (options: { hold?: boolean; fail?: boolean } = {}) => {
  const writes: Array<string> = []
  const pending: Array<() => void> = []
  let wrote: () => void = () => {}
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(
    ((
      data: string | Uint8Array,
      callback?: (error?: Error | null) => void,
    ) => {
      writes.push(typeof data === "string" ? data : Buffer.from(data).toString("utf8"))
      const answer = () => callback?.(options.fail ? new Error("write EPIPE") : null)
      if (options.hold) pending.push(answer)
      else answer()
      wrote()
      return true
    }) as typeof process.stdout.write,
  )
  return {
    writes,
    spy,
    /** Resolves at the next write. */
    nextWrite: () => new Promise<void>((resolve) => (wrote = resolve)),
    release: () => pending.shift()!(),
  }
}

const print = (format: (typeof formats)[number], stream: Stream.Stream<Contract.Session>) =>
  Effect.runPromise(Records.printStream(Sessions.shape, stream, format, view))

afterEach(() => vi.restoreAllMocks())

describe("printStream writes a page at a time", () => {
  it.each(formats)("%s: the same bytes as one write a row, in one write a page", async (format) => {
    const perRow = captureStdout()
    expect(await print(format, Stream.fromIterable(rows).pipe(Stream.rechunk(1)))).toBe(rows.length)
    perRow.spy.mockRestore()
    const perPage = captureStdout()
    // Pages of 4: the last one short, as Polyv's last page is.
    expect(await print(format, Stream.fromIterable(rows).pipe(Stream.rechunk(4)))).toBe(rows.length)
    expect(perPage.writes.join("")).toBe(perRow.writes.join(""))
    // One write a page, plus at most a header and a closing bracket.
    expect(perPage.writes.length).toBeLessThanOrEqual(Math.ceil(rows.length / 4) + 1)
    expect(perRow.writes.length).toBeGreaterThanOrEqual(rows.length)
  })

  it.each(formats)("%s: no rows is the same as before (an empty array, a header alone, nothing)", async (format) => {
    const out = captureStdout()
    expect(await print(format, Stream.empty)).toBe(0)
    expect(out.writes.join("")).toBe(
      { ndjson: "", csv: "sessionId,channelId,userId,startTime,endTime,customId\r\n", json: "[]\n" }[format],
    )
  })

  it("waits for stdout to take a page before it reads the next", async () => {
    const out = captureStdout({ hold: true })
    let pulled = 0
    const stream = Stream.fromIterable(rows).pipe(
      Stream.rechunk(4),
      Stream.mapArray((page) => {
        pulled += page.length
        return page
      }),
    )
    let wrote = out.nextWrite()
    const done = print("ndjson", stream)
    await wrote
    expect(out.writes).toHaveLength(1)
    // The first page is written and not yet taken: the rest of the stream is not read.
    expect(pulled).toBe(4)
    wrote = out.nextWrite()
    out.release()
    await wrote
    expect(out.writes).toHaveLength(2)
    expect(pulled).toBe(8)
    wrote = out.nextWrite()
    out.release()
    await wrote
    out.release()
    expect(await done).toBe(rows.length)
    expect(out.writes).toHaveLength(3)
  })

  it("a write that fails stops the output there: no further write, the run interrupted", async () => {
    const out = captureStdout({ fail: true })
    const exit = await Effect.runPromiseExit(
      Records.printStream(Sessions.shape, Stream.fromIterable(rows).pipe(Stream.rechunk(4)), "csv", view),
    )
    expect(Exit.hasInterrupts(exit)).toBe(true)
    expect(out.writes).toHaveLength(1)
  })
})
