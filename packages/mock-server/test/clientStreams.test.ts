/**
 * The client's streams, waiter and batching against the mock's world (in-process, TestClock):
 * what comes back is compared with the world itself, not with another client call.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { PolyvClient } from "@polyv-stats/core"
import { Effect, Layer, Redacted, Stream } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { demoCredentials, MockLayer } from "../src/index.js"
import { onVirtualTime } from "./virtualTime.js"

const t0 = Date.parse("2031-03-01T08:00:00Z")
const day = 86_400_000
const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
const world = { channels: 4, sessionsPerChannel: 120 }
const live = PolyvClient.layer(credentials).pipe(
  Layer.provideMerge(MockLayer.inProcess({ seed: "streams", now: t0, size: world })),
)

describe("client streams against the mock's world", () => {
  it.effect("downloads the report as bytes and streams it to a file with progress, over a real socket", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const running = yield* MockLayer.serve({ seed: "streams", now: t0, clock: () => t0, size: world, reportPolls: 0 })
      const channel = running.mock.world.channels[1]!
      const session = running.mock.world.sessions(channel).find((s) => s.endTime !== null)!
      const layer = PolyvClient.layerNode({ ...credentials, baseUrl: running.url })
      const downloaded = yield* Effect.gen(function*() {
        const polyv = yield* PolyvClient
        const url = yield* polyv.exportReport({ channelId: channel.channelId, sessionId: session.sessionId })
        const asBytes = yield* polyv.downloadReport(url)
        const folder = mkdtempSync(join(tmpdir(), "polyv-report-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(folder, { recursive: true, force: true })))
        const path = join(folder, "report.xlsx")
        const received: Array<number> = []
        const sizes = new Set<number | undefined>()
        const count = yield* polyv.downloadReportTo(url, path, (p) =>
          Effect.sync(() => {
            received.push(p.received)
            sizes.add(p.total)
          }))
        return { bytes: asBytes, written: count, progress: received, totals: sizes, file: path }
      }).pipe(Effect.provide(layer), Effect.provide(NodeFileSystem.layer))
      const { bytes, written, progress, totals, file } = downloaded
      // An xlsx is a zip archive: "PK\x03\x04".
      assert.deepStrictEqual(Array.from(bytes.subarray(0, 4)), [0x50, 0x4b, 0x03, 0x04])
      assert.strictEqual(written, bytes.length)
      assert.deepStrictEqual(new Uint8Array(readFileSync(file)), bytes)
      assert.strictEqual(progress.at(-1), bytes.length)
      assert.deepStrictEqual([...totals], [bytes.length], "the total is known from content-length")
      const expired = yield* PolyvClient.use((polyv) =>
        Effect.flip(polyv.downloadReport(`${running.url}/__mock/reports/x/y.xlsx`))
      )
        .pipe(Effect.provide(layer))
      assert.strictEqual(expired._tag, "UnexpectedResponse")
    }))

  it.effect("sessions over 200 days: exactly the world's sessions in range, newest first, across windows", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const channel = mock.world.channels[1]!
      const from = t0 - 200 * day
      const got = yield* PolyvClient.use((polyv) =>
        Stream.runCollect(polyv.sessions(channel.channelId, { from: new Date(from), to: new Date(t0), pageSize: 7 }))
      )
      const expected = mock.world.sessions(channel).filter((s) => s.startTime >= from && s.startTime <= t0)
      assert.isAbove(expected.length, 50)
      assert.deepStrictEqual(got.map((s) => s.sessionId), expected.map((s) => s.sessionId))
    }).pipe(Effect.provide(live)))

  it.effect("durations for every channel, one at a time, arrive in one batched call and match the world", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const ids = mock.world.channels.map((c) => c.channelId)
      const got = yield* PolyvClient.use((polyv) =>
        Effect.forEach([...ids, "10001"], (id) => Effect.result(polyv.liveDuration(id)), { concurrency: "unbounded" })
      )
      const expected = mock.world.channels.map((c) =>
        mock.world.sessions(c).filter((s) => s.endTime !== null && s.endTime <= t0).reduce(
          (sum, s) => sum + Math.round((s.endTime! - s.startTime) / 1000),
          0,
        )
      )
      assert.deepStrictEqual(got.slice(0, -1).map((r) => (r._tag === "Success" ? r.success.duration : -1)), expected)
      const unknown = got.at(-1)!
      assert.strictEqual(unknown._tag === "Failure" && unknown.failure._tag, "IllegalChannelId")
    }).pipe(Effect.provide(live)))

  it.effect("waitForReport polls through the not-ready answers to the URL", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const channel = mock.world.channels[1]!
      const session = mock.world.sessions(channel).find((s) => s.endTime !== null)!
      const attempts: Array<number> = []
      const url = yield* onVirtualTime(PolyvClient.use((polyv) =>
        polyv.waitForReport(channel.channelId, session.sessionId, {
          onProgress: (p) => Effect.sync(() => void attempts.push(p.attempt)),
        })
      ))
      assert.match(new URL(url).pathname, new RegExp(`${session.sessionId}\\.xlsx$`))
      // Every "not ready" answer the mock gave was reported, and the next poll got the URL.
      assert.isAbove(attempts.length, 0)
      assert.deepStrictEqual(
        attempts,
        attempts.map((_, i) =>
          i + 1
        ),
      )
    }).pipe(Effect.provide(live)))

  it.effect("waitForReport gives up on an unknown session at the deadline", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const error = yield* onVirtualTime(
        PolyvClient.use((polyv) =>
          polyv.waitForReport(mock.world.channels[1]!.channelId, "nosuchsess", { deadline: "1 minute" })
        )
          .pipe(Effect.flip),
      )
      assert.strictEqual(error._tag, "ReportWaitTimedOut")
      if (error._tag === "ReportWaitTimedOut") assert.strictEqual(error.elapsedMillis, 60_000)
    }).pipe(Effect.provide(live)))
})
