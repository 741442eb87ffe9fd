/**
 * Sessions as a stream: 60-day windows, the boundary instants, pages, the lastPage guard,
 * laziness. The server here is a small fake with the mock's documented semantics (both window
 * ends included, in whole seconds; newest first), so window edges can be placed exactly.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { TestClock } from "effect/testing"
import type { Contract } from "../src/index.js"
import { SessionWindows } from "../src/index.js"
import { type PageReader, sessionStream } from "../src/pagination/SessionStream.js"

const day = 86_400_000
const second = 1000
const t0 = Date.parse("2030-06-01T00:00:00Z")

const session = (startTime: number, i: number): Contract.Session => ({
  sessionId: `s${i}`,
  channelId: "1",
  userId: "u",
  startTime,
  endTime: startTime + 60_000,
})

/** The stream names its window and page in every read: the fake insists. */
const everyPagingParam = ({ startDate, endDate, page, pageSize }: Parameters<PageReader>[0]) => {
  if (startDate === undefined || endDate === undefined || page === undefined || pageSize === undefined) {
    throw new Error("a session-list read without its window, page or page size")
  }
  return { startDate, endDate, page, pageSize }
}

/** A fake session list over `sessions`, recording each read. */
const fakeServer = (sessions: ReadonlyArray<Contract.Session>, options: { neverLast?: boolean } = {}) => {
  const reads: Array<{ from: number; to: number; page: number }> = []
  const newestFirst = sessions.toSorted((a, b) => b.startTime - a.startTime)
  const read: PageReader = (params) =>
    Effect.sync(() => {
      const { startDate, endDate, page, pageSize } = everyPagingParam(params)
      const from = Math.floor(startDate.getTime() / second)
      const to = Math.floor(endDate.getTime() / second)
      reads.push({ from: startDate.getTime(), to: endDate.getTime(), page })
      const inWindow = newestFirst.filter((s) =>
        Math.floor(s.startTime / second) >= from && Math.floor(s.startTime / second) <= to
      )
      const totalPages = Math.ceil(inWindow.length / pageSize)
      const contents = inWindow.slice((page - 1) * pageSize, page * pageSize)
      return {
        pageSize,
        pageNumber: page,
        totalItems: inWindow.length,
        contents,
        startRow: (page - 1) * pageSize + 1,
        firstPage: page === 1,
        lastPage: options.neverLast ? false : page >= totalPages,
        prePageNumber: Math.max(1, page - 1),
        nextPageNumber: page >= totalPages ? page : page + 1,
        limit: contents.length,
        totalPages,
        endRow: (page - 1) * pageSize + contents.length,
        offset: (page - 1) * pageSize,
      }
    })
  return { read, reads }
}

describe("SessionWindows.splitWindows", () => {
  it("covers 200 days with 60-day windows, newest first, touching without overlap", () => {
    const from = t0 - 200 * day
    const windows = SessionWindows.splitWindows(from, t0)
    assert.deepStrictEqual(windows.map((w) => (w.to - w.from) / day), [60, 60, 60, 200 - 3 * 60 - 3 * second / day])
    assert.strictEqual(windows[0]!.to, t0)
    assert.strictEqual(windows.at(-1)!.from, from)
    for (let i = 1; i < windows.length; i++) assert.strictEqual(windows[i]!.to, windows[i - 1]!.from - second)
  })
  it("works in whole seconds", () => {
    const [w] = SessionWindows.splitWindows(t0 + 1500, t0 + 9999)
    assert.deepStrictEqual(w, { from: t0 + 1000, to: t0 + 9000 })
  })
  it("gives one window for one instant and none for a reversed range", () => {
    assert.deepStrictEqual(SessionWindows.splitWindows(t0, t0), [{ from: t0, to: t0 }])
    assert.deepStrictEqual(SessionWindows.splitWindows(t0 + second, t0), [])
  })
})

describe("sessionStream", () => {
  const from = t0 - 150 * day
  const windows = SessionWindows.splitWindows(from, t0)
  // Sessions exactly on every window edge, one second either side, and a few in between.
  const edges = windows.flatMap((w) => [w.from - second, w.from, w.from + second, w.to - second, w.to, w.to + second])
  const instants = [...new Set([...edges, t0 - 10 * day, t0 - 100 * day])].filter((t) => t >= from && t <= t0)
  const sessions = instants.map(session)

  it.effect("returns every session in the range exactly once, newest first, edges included", () =>
    Effect.gen(function*() {
      const { read } = fakeServer([...sessions, session(from - second, 900), session(t0 + second, 901)])
      const got = yield* Stream.runCollect(
        sessionStream(read, "1", { from: new Date(from), to: new Date(t0), pageSize: 4 }),
      )
      assert.deepStrictEqual(got.map((s) => s.startTime), instants.toSorted((a, b) => b - a))
      assert.strictEqual(new Set(got.map((s) => s.sessionId)).size, got.length)
    }))

  it.effect("asks each window in order, newest first, never over 60 days", () =>
    Effect.gen(function*() {
      const { read, reads } = fakeServer(sessions)
      yield* Stream.runDrain(sessionStream(read, "1", { from: new Date(from), to: new Date(t0), pageSize: 100 }))
      assert.deepStrictEqual(reads.map((r) => [r.from, r.to]), windows.map((w) => [w.from, w.to]))
      assert.isTrue(reads.every((r) => r.to - r.from <= 60 * day))
    }))

  it.effect("stops at totalPages when the server never says lastPage", () =>
    Effect.gen(function*() {
      const { read, reads } = fakeServer(sessions, { neverLast: true })
      const got = yield* Stream.runCollect(
        sessionStream(read, "1", { from: new Date(t0 - 30 * day), to: new Date(t0), pageSize: 2 }),
      )
      const expected = instants.filter((t) => t >= t0 - 30 * day).length
      assert.strictEqual(got.length, expected)
      assert.strictEqual(reads.length, Math.ceil(expected / 2))
    }))

  it.effect("is lazy: taking the first sessions reads only the first page", () =>
    Effect.gen(function*() {
      const { read, reads } = fakeServer(sessions)
      const got = yield* Stream.runCollect(
        sessionStream(read, "1", { from: new Date(from), to: new Date(t0), pageSize: 2 }).pipe(Stream.take(2)),
      )
      assert.strictEqual(got.length, 2)
      assert.strictEqual(reads.length, 1)
    }))

  it.effect("defaults to the 60 days ending now on the Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { read, reads } = fakeServer(sessions)
      yield* Stream.runDrain(sessionStream(read, "1"))
      assert.deepStrictEqual(reads.map((r) => [r.from, r.to, r.page]), [[t0 - 60 * day, t0, 1]])
    }))

  it.effect("refuses a range whose start is after its end, before any request", () =>
    Effect.gen(function*() {
      const { read, reads } = fakeServer(sessions)
      const error = yield* Stream.runDrain(sessionStream(read, "1", { from: new Date(t0), to: new Date(t0 - day) }))
        .pipe(
          Effect.flip,
        )
      assert.strictEqual(error._tag, "InvalidParameter")
      assert.strictEqual(reads.length, 0)
    }))

  it.effect("refuses a range reaching a day Polyv cannot name, before any request", () =>
    Effect.gen(function*() {
      const { read, reads } = fakeServer(sessions)
      // From year 0 (12 300 windows) to 2026, and a range ending in 9999.
      for (const [start, end] of [["0000-01-01T00:00:00Z", "2026-01-15T00:00:00Z"], [t0, "9999-01-01T00:00:00Z"]]) {
        const range = { from: new Date(start!), to: new Date(end!) }
        const error = yield* Stream.runDrain(sessionStream(read, "1", range)).pipe(Effect.flip)
        assert.strictEqual(error._tag, "InvalidParameter")
        assert.match(error.message, /2001-09-10 to 2286-11-21/)
      }
      assert.strictEqual(reads.length, 0)
    }))
})
