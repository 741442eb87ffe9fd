/**
 * Replaying a cassette (`cassette` option, `polyv-mock --cassette FILE`). The round trip runs on
 * real sockets: our mock as upstream, the recorder in front, core's client calling the five
 * endpoints; then a mock with a different world answers the same calls from the cassette alone.
 * The rest is in process: the mock's own checks still run first, a request recorded several
 * times, strict, a bad cassette refused whole.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { ApiFailures, Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it as plain, onTestFinished } from "vitest"
import {
  Cassette,
  demoCredentials,
  MockLayer,
  type MockOptions,
  PolyvMock,
  startRecorder,
  startServer,
  WorldFileError,
  worldFromCassette,
} from "../src/index.js"
import { runBin, stopRuns } from "./binProcess.js"
import { fiveCalls } from "./fiveCalls.js"
import { client, signed } from "./support.js"

const t0 = Date.parse("2031-03-01T08:00:00Z")
const secret = demoCredentials.appSecret
const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(secret) }

const folder = mkdtempSync(join(tmpdir(), "replay-test-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const v4RequestId = /^[0-9a-f]{32}\.\d+\.\d{17,}$/

describe("replaying a cassette", () => {
  it.effect("record → replay: a mock with another world answers the client's five calls with the recorded data", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const upstream = yield* Effect.acquireRelease(
        Effect.promise(() => startServer({ seed: "recorded", now: t0, reportPolls: 0 })),
        (served) => Effect.promise(served.close),
      )
      const file = join(folder, "round-trip.json")
      const recorder = yield* Effect.acquireRelease(
        Effect.promise(() =>
          startRecorder({ upstream: new URL(upstream.url), cassette: file, secret, fileSystem: NodeFileSystem.layer })
        ),
        (served) => Effect.promise(served.close),
      )
      const world = upstream.mock.world
      const { calls, second } = fiveCalls(world, t0)
      const recorded = yield* calls.pipe(
        Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: recorder.url })),
      )
      const cassette = Cassette.fromText(readFileSync(file, "utf8"))

      // Another seed: none of the recorded channels, sessions or users is in this world.
      const replaying = yield* Effect.acquireRelease(
        Effect.promise(() => startServer({ seed: "elsewhere", now: t0, cassette, strict: true })),
        (served) => Effect.promise(served.close),
      )
      assert.notInclude(replaying.mock.world.channels.map((c) => c.channelId), second.channelId)
      const replayed = yield* calls.pipe(
        Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: replaying.url })),
      )
      assert.deepStrictEqual(replayed, recorded)
      assert.deepStrictEqual(replaying.mock.unexpected(), [])
      for (const endpoint of Contract.endpoints) {
        assert.deepStrictEqual(replaying.mock.calls(endpoint).map((call) => call.outcome.by), ["cassette"])
      }

      // v4: the recorded body with a fresh request ID of the replaying mock's own.
      const http = client({ fetch, base: replaying.url })
      const recordedMic = JSON.parse(cassette.exchanges.find((e) => e.endpoint === "micHistory")!.body)
      const mic = yield* Effect.promise(() => http.get(Contract.byName.micHistory.path, signed({}, {}, t0)))
      assert.match(String(mic.json.requestId), v4RequestId)
      assert.notStrictEqual(mic.json.requestId, recordedMic.requestId)
      assert.deepStrictEqual({ ...mic.json, requestId: "" }, { ...recordedMic, requestId: "" })

      // A wrong sign gets the mock's own signature error, not the recording.
      const params = { channelId: second.channelId, pageSize: "5" }
      const badSign = yield* Effect.promise(() =>
        http.get(Contract.byName.sessionList.path, signed(params, { sign: "0".repeat(32) }, t0))
      )
      assert.strictEqual(badSign.json.message, ApiFailures.messageOf("InvalidSignature"))
      assert.strictEqual(badSign.status, Contract.byName.sessionList.errorCodes.InvalidSignature)

      // Strict: a request the cassette lacks is refused loudly (even one the world could answer) and listed.
      const own = replaying.mock.world.channels[0]!.channelId
      const unrecorded = yield* Effect.promise(() =>
        http.get(Contract.byName.sessionList.path, signed({ channelId: own }, {}, t0))
      )
      assert.strictEqual(unrecorded.status, 422)
      assert.include(unrecorded.json.message, "the cassette holds no sessionList call")
      assert.deepStrictEqual(replaying.mock.unexpected().map((u) => u.wire.channelId), [own])
    }))

  const path = Contract.byName.sessionList.path
  const exchange = (body: object, params: Record<string, string> = { channelId: "1" }): Cassette.Exchange => ({
    endpoint: "sessionList",
    method: "GET",
    params,
    status: 200,
    contentType: "application/json",
    body: JSON.stringify(body),
    recordedAt: "2031-03-01T08:00:00.000Z",
  })
  const cassetteOf = (...exchanges: Array<Cassette.Exchange>): Cassette.Cassette => ({
    format: Cassette.format,
    version: Cassette.version,
    exchanges,
  })

  plain(
    "a request recorded several times gets its answers in order, then the last again; a reset rewinds",
    async () => {
      const mock = new PolyvMock({
        now: t0,
        cassette: cassetteOf(
          exchange({ code: 200, data: "first" }),
          exchange({ code: 200, data: "other" }, { channelId: "2", pageSize: "5" }),
          exchange({ code: 500, status: "error", message: "second" }),
        ),
      })
      const http = client({ fetch: mock.fetch, base: "http://mock" })
      const bodies = async (n: number) => {
        const got: Array<string> = []
        for (let i = 0; i < n; i++) got.push((await http.get(path, signed({ channelId: "1" }, {}, t0))).text)
        return got
      }
      const first = JSON.stringify({ code: 200, data: "first" })
      const second = JSON.stringify({ code: 500, status: "error", message: "second" })
      expect(await bodies(3)).toEqual([first, second, second])
      // Parameters in another order, and signing ones aside, match the same recording.
      const reordered = await http.get(
        path,
        Object.fromEntries(Object.entries(signed({ channelId: "2", pageSize: "5" }, {}, t0)).toReversed()),
      )
      expect(reordered.json.data).toBe("other")
      expect(mock.reset()).toContain("cassetteAnswers")
      expect(await bodies(1)).toEqual([first])
      // Not in the cassette, not strict: the world answers.
      const world = await http.get(path, signed({ channelId: mock.world.channels[0]!.channelId }, {}, t0))
      expect(world.json.code).toBe(200)
      expect(mock.calls(Contract.byName.sessionList).map((c) => c.outcome.by)).toEqual([
        "cassette",
        "world",
      ])
      // A stub still wins over the cassette.
      mock.stub({
        endpoint: Contract.byName.sessionList,
        match: { channelId: "1" },
        answers: [{ failure: "IllegalChannelId", value: "1" }],
      })
      expect((await http.get(path, signed({ channelId: "1" }, {}, t0))).json.message).toContain("channel")
    },
  )

  plain("a bad cassette is refused whole, each problem with its path; none costs nothing", () => {
    const bad = { format: "polyv-mock-cassette", version: 2, exchanges: [{ ...exchange({}), status: "200", extra: 1 }] }
    let refused: unknown
    try {
      refused = new PolyvMock({ cassette: bad as never })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(WorldFileError)
    const { problems, message } = refused as WorldFileError
    expect(problems.some((p) => p.startsWith("version: "))).toBe(true)
    expect(problems.some((p) => p.startsWith("exchanges[0].status: "))).toBe(true)
    expect(problems.some((p) => p.startsWith("exchanges[0].extra: "))).toBe(true)
    expect(message).toContain("the cassette option is refused, 3 problems")
    expect(new PolyvMock().replay).toBeUndefined()
  })

  it.effect("MockLayer.inProcess takes the cassette option too", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const source = new PolyvMock({ seed: "recorded", now: t0 })
      const channelId = source.world.channels[0]!.channelId
      const answer = yield* Effect.promise(() =>
        client({ fetch: source.fetch, base: "http://mock" }).get(path, signed({ channelId }, {}, t0))
      )
      const cassette = cassetteOf({ ...exchange({}, { channelId }), body: answer.text })
      const sessions = (options: MockOptions) =>
        PolyvClient.use((polyv) => polyv.sessionList({ channelId })).pipe(
          Effect.provide(PolyvClient.layer(credentials).pipe(Layer.provideMerge(MockLayer.inProcess(options)))),
        )
      const replayed = yield* sessions({ seed: "elsewhere", cassette, strict: true })
      assert.deepStrictEqual(replayed, yield* sessions({ seed: "recorded" }))
      assert.include(JSON.stringify(replayed), source.world.sessions(source.world.channels[0]!)[0]!.sessionId)
    }))

  /** Every page of one channel's session list (default range), recorded from a mock of seed "recorded". */
  const recordedPages = async () => {
    const source = new PolyvMock({ seed: "recorded", now: t0 })
    const http = client({ fetch: source.fetch, base: "http://mock" })
    const channelId = source.world.channels[1]!.channelId
    const exchanges: Array<Cassette.Exchange> = []
    const pages: Array<unknown> = []
    for (let page = 1, last = false; !last; page++) {
      const params = { channelId, pageSize: "4", page: String(page) }
      const answer = await http.get(path, signed(params, {}, t0))
      exchanges.push({ ...exchange({}, params), body: answer.text, recordedAt: new Date(t0).toISOString() })
      pages.push(answer.json.data)
      last = (answer.json.data as { readonly lastPage: boolean }).lastPage
    }
    return { cassette: cassetteOf(...exchanges), channelId, pages }
  }

  plain(
    "worldFromCassette: the world written loads back and answers the recorded session list pages alike",
    async () => {
      const { cassette, channelId, pages } = await recordedPages()
      expect(pages.length).toBeGreaterThan(1)
      const world = worldFromCassette(cassette)
      expect(world.channels.map((c) => c.channelId)).toEqual([channelId])
      const again = new PolyvMock({ world: JSON.parse(JSON.stringify(world)), seed: "elsewhere" })
      const http = client({ fetch: again.fetch, base: "http://mock" })
      for (const [i, page] of pages.entries()) {
        const answer = await http.get(path, signed({ channelId, pageSize: "4", page: String(i + 1) }, {}, t0))
        expect(answer.json.data).toEqual(page)
      }
    },
  )

  plain(
    "the bin: --cassette --dump-world writes the cassette's world; a bad cassette is refused whole (exit 2)",
    async () => {
      onTestFinished(stopRuns)
      const { cassette } = await recordedPages()
      const good = join(folder, "pages.json")
      const bad = join(folder, "bad.json")
      const out = join(folder, "world.json")
      writeFileSync(good, Cassette.toText(cassette))
      writeFileSync(
        bad,
        JSON.stringify({ ...cassette, version: 9, exchanges: [{ ...cassette.exchanges[0], status: 99 }] }),
      )
      const [dumped, refused] = await Promise.all([
        runBin(["--cassette", good, "--dump-world", out]),
        runBin(["--cassette", bad]),
      ])
      expect(dumped.code, dumped.stderr).toBe(0)
      expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(worldFromCassette(cassette))
      expect(refused.code, refused.stderr).toBe(2)
      expect(refused.stderr).toContain(`--cassette ${bad} is refused, 2 problems`)
      expect(refused.stderr).toContain("exchanges[0].status: ")
    },
  )
})
