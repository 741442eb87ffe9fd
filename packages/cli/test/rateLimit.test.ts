/**
 * `--rate-limit` reaches the client's pacer, in-process on virtual time: with `2/10s`, two pages are
 * asked at once and the third waits for the next 10 s window, which only comes when the test moves
 * the clock. The requests' signed timestamps (read from the clock) show when each was sent.
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, it } from "@effect/vitest"
import { type RunningMock, startServer } from "@polyv-stats/mock-server"
import { ConfigProvider, Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { vi } from "vitest"
import { main } from "../src/Cli.js"
import { env } from "../src/flags/Env.js"
import * as Stderr from "../src/output/Stderr.js"
import { APP_ID, SECRET, SEED, startProxy } from "./helpers.js"

const pageSize = 4

it.effect("--rate-limit 2/10s: two pages at once, the next two only in the next window", () =>
  Effect.gen(function*() {
    const mock = yield* Effect.acquireRelease(
      Effect.promise(() => startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET })),
      (running: RunningMock) => Effect.promise(running.close),
    )
    const proxy = yield* Effect.acquireRelease(
      Effect.promise(() => startProxy(mock.url)),
      (p) => Effect.promise(p.close),
    )
    // Signed requests carry the time: the virtual clock starts at the mock's.
    const t0 = mock.mock.now()
    yield* TestClock.setTime(t0)
    const channel = mock.mock.world.channels[1]!
    const writes: Array<string> = []
    let onWrite = () => {}
    const spy = vi.spyOn(process.stdout, "write").mockImplementation(
      ((
        data: string,
        callback?: (error?: Error | null) => void,
      ) => {
        writes.push(String(data))
        callback?.(null)
        onWrite()
        return true
      }) as typeof process.stdout.write,
    )
    yield* Effect.addFinalizer(() => Effect.sync(() => spy.mockRestore()))
    const written = (n: number) =>
      Effect.promise(() =>
        new Promise<void>((resolve) => {
          onWrite = () => writes.length >= n && resolve()
          onWrite()
        })
      )
    const run = yield* main([
      "sessions",
      "--channel",
      channel.channelId,
      "--all",
      "--page-size",
      String(pageSize),
      "--rate-limit",
      "2/10s",
      "--format",
      "ndjson",
    ]).pipe(
      Effect.provideService(Stderr.Stderr, Stderr.make({ write: () => {} })),
      Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({
        [env.baseUrl]: proxy.url,
        [env.appId]: APP_ID,
        [env.appSecret]: SECRET,
      }))),
      Effect.forkChild,
    )
    yield* written(2)
    // Two pages printed; the third is held by the pacer until the clock reaches the next window.
    yield* TestClock.adjust("10 seconds")
    yield* written(4)
    yield* TestClock.adjust("10 seconds")
    assert.strictEqual(yield* Fiber.join(run), 0)
    const stamps = proxy.requests.map((q) => Number(q.params.get("timestamp")))
    assert.isAtLeast(stamps.length, 4)
    assert.deepStrictEqual(stamps.slice(0, 2), [t0, t0])
    for (const stamp of stamps.slice(2, 4)) assert.isTrue(stamp > t0 && stamp <= t0 + 10_000, String(stamp - t0))
    for (const stamp of stamps.slice(4)) assert.isTrue(stamp > stamps[2]!, String(stamp - t0))
    assert.strictEqual(
      writes.join("").trimEnd().split("\n").length,
      mock.mock.world.sessions(channel).filter((s) => s.startTime >= t0 - 60 * 86_400_000).length,
    )
  }).pipe(Effect.provide(NodeServices.layer)))
