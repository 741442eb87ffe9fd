/**
 * `report --wait --timeout 10m --download FILE`, in-process on virtual time against the mock and a
 * report server that stalls mid-body: the download's inactivity timeout is the --timeout given
 * (10 minutes), not the 30 s each poll of the wait is capped at, so the hint "--timeout makes the
 * download more patient" holds with --wait too.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, it } from "@effect/vitest"
import { type RunningMock, startServer } from "@polyv-stats/mock-server"
import { ConfigProvider, Effect, Fiber, FileSystem } from "effect"
import { TestClock } from "effect/testing"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { zipShaped } from "../../core/test/zipShaped.js"
import { main } from "../src/Cli.js"
import { env } from "../src/flags/Env.js"
import * as Stderr from "../src/output/Stderr.js"
import { APP_ID, SECRET, SEED } from "./helpers.js"

const report = zipShaped(64 * 1024)

/** A report server that sends half the report and then nothing; `progress` resolves at the first chunk. */
const stallingReports = Effect.acquireRelease(
  Effect.callback<{ url: string; close: () => void }>((resume) => {
    const server = createServer((_, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": report.length })
      res.write(report.subarray(0, report.length / 2))
    })
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
          server.closeAllConnections()
          server.close()
        },
      })))
  }),
  (server) => Effect.sync(server.close),
)

const mockWith = (publicUrl: string) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET, reportPolls: 0, publicUrl })
    ),
    (mock: RunningMock) => Effect.promise(mock.close),
  )

it.effect("with --wait, the download waits --timeout (10m) for each next part, not the 30 s a poll gets", () =>
  Effect.gen(function*() {
    const reports = yield* stallingReports
    const mock = yield* mockWith(reports.url)
    const channel = mock.mock.world.channels.find((c) => mock.mock.world.sessions(c).some((s) => s.endTime !== null))!
    const session = mock.mock.world.sessions(channel).find((s) => s.endTime !== null)!
    // Signed requests carry the time: the virtual clock starts at the mock's.
    yield* TestClock.setTime(mock.mock.now())
    const fs = yield* FileSystem.FileSystem
    const folder = yield* fs.makeTempDirectoryScoped({ prefix: "polyv-stats-timeout-test-" })
    const lines: Array<string> = []
    let downloading!: () => void
    const progressed = new Promise<void>((resolve) => (downloading = resolve))
    const stderr = Stderr.make({
      write: (text: string) => {
        lines.push(text)
        if (/^\[#*-*\] +\d+%/.test(text)) downloading()
      },
    })
    const run = yield* main([
      "report",
      "--channel",
      channel.channelId,
      "--session",
      session.sessionId,
      "--wait",
      "--timeout",
      "10m",
      "--download",
      join(folder, "report.xlsx"),
    ]).pipe(
      Effect.provideService(Stderr.Stderr, stderr),
      Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({
        [env.baseUrl]: mock.url,
        [env.appId]: APP_ID,
        [env.appSecret]: SECRET,
      }))),
      Effect.forkChild,
    )
    yield* Effect.promise(() => progressed)
    yield* TestClock.adjust("11 minutes")
    assert.strictEqual(yield* Fiber.join(run), 3)
    const text = lines.join("")
    assert.match(text, /error: could not download the report: the report download stalled: nothing received for 10m,/)
    assert.match(text, /hint: .*--timeout makes the download more patient/)
  }).pipe(Effect.provide(NodeServices.layer)))
