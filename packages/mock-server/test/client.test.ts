/**
 * The core client against the mock, with virtual time: the client's timestamps come from
 * TestClock, and so does the in-process mock's clock.
 */
import { assert, describe, it } from "@effect/vitest"
import { ChinaTime, OutgoingRequest, PolyvClient } from "@polyv-stats/core"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import { HttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { demoCredentials, MockLayer } from "../src/index.js"

// Far from any real clock: a client reading Date.now instead of Clock would be refused.
const t0 = Date.parse("2031-03-01T08:00:00Z")
const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
const inProcess = PolyvClient.layer(credentials).pipe(
  Layer.provideMerge(MockLayer.inProcess({ seed: "client", now: t0 })),
)

describe("PolyvClient against the in-process mock", () => {
  it.effect("calls all five endpoints and decodes what the mock's world holds", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const polyv = yield* PolyvClient
      const mock = yield* MockLayer.Mock
      const [first, second] = mock.world.channels
      const world = mock.world.sessions(second!)

      const page = yield* polyv.sessionList({ channelId: second!.channelId, pageSize: 5 })
      assert.deepStrictEqual(page.contents.map((s) => s.sessionId), world.slice(0, 5).map((s) => s.sessionId))
      assert.strictEqual(page.contents[0]!.channelId, second!.channelId)

      const live = yield* polyv.sessionList({ channelId: first!.channelId, pageSize: 1 })
      assert.strictEqual(live.contents[0]!.endTime, null)

      const durations = yield* polyv.liveDurations({ channelIds: [first!.channelId, second!.channelId] })
      assert.deepStrictEqual(durations.map((d) => d.channelId), [first!.channelId, second!.channelId])

      const peaks = yield* polyv.yunduoSummary({
        users: mock.world.users,
        start: ChinaTime.formatDate(t0 - 30 * 86_400_000),
        end: ChinaTime.formatDate(t0),
      })
      assert.strictEqual(peaks.length, 1)
      assert.strictEqual(typeof peaks[0]!.peakCCV, "number")

      const mic = yield* polyv.micHistory({})
      assert.strictEqual(mic.userId, mock.world.mainUser)

      const session = world[3]!
      const notReady = yield* Effect.flip(
        polyv.exportReport({ channelId: second!.channelId, sessionId: session.sessionId }),
      )
      assert.strictEqual(notReady._tag, "ReportNotReady")
    }).pipe(Effect.provide(inProcess)))

  it.effect("signs each call with the TestClock's time: the mock refuses a clock 4 minutes off", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0 + 4 * 60_000)
      const polyv = yield* PolyvClient
      const error = yield* Effect.flip(polyv.micHistory({}))
      assert.strictEqual(error._tag, "InvalidTimestamp")
      if (error._tag === "InvalidTimestamp") {
        assert.strictEqual(error.httpStatus, 400)
        assert.strictEqual(error.endpoint, "micHistory")
        assert.match(error.requestId ?? "", /^[0-9a-f]{32}\.\d+\.\d{17}$/)
      }
    }).pipe(
      Effect.provide(
        PolyvClient.layer(credentials).pipe(
          Layer.provideMerge(MockLayer.inProcess({ seed: "client", now: t0, clock: () => t0 })),
        ),
      ),
    ))

  it.effect("maps each failure to its tagged error", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const polyv = yield* PolyvClient
      const illegal = yield* Effect.flip(polyv.liveDurations({ channelIds: ["10001"] }))
      assert.strictEqual(illegal._tag, "IllegalChannelId")
      if (illegal._tag === "IllegalChannelId") assert.strictEqual(illegal.channelId, "10001")
      const invalid = yield* Effect.flip(polyv.sessionList({ channelId: "12ab" }))
      assert.strictEqual(invalid._tag, "InvalidParameter")
      assert.include(invalid.message, "channelId")
    }).pipe(Effect.provide(inProcess)))

  it.effect("a wrong secret gives InvalidSignature with the page's code for that endpoint", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const polyv = yield* PolyvClient
      const onList = yield* Effect.flip(polyv.sessionList({ channelId: "1" }))
      const onDurations = yield* Effect.flip(polyv.liveDurations({ channelIds: ["1"] }))
      assert.deepStrictEqual([onList._tag, onDurations._tag], ["InvalidSignature", "InvalidSignature"])
      if (onList._tag === "InvalidSignature" && onDurations._tag === "InvalidSignature") {
        assert.deepStrictEqual([onList.code, onDurations.code], [400, 403])
      }
    }).pipe(
      Effect.provide(
        PolyvClient.layer({ ...credentials, appSecret: Redacted.make("not-the-secret") }).pipe(
          Layer.provideMerge(MockLayer.inProcess({ seed: "client", now: t0 })),
        ),
      ),
    ))

  it.effect("signs with SHA-256 when asked", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mic = yield* PolyvClient.use((polyv) => polyv.micHistory({}))
      assert.isString(mic.userId)
    }).pipe(
      Effect.provide(
        PolyvClient.layer({ ...credentials, signatureMethod: "SHA256" }).pipe(
          Layer.provideMerge(MockLayer.inProcess({ seed: "client", now: t0 })),
        ),
      ),
    ))
})

/** The in-process mock's client, noting the URL of every request it sends the mock. */
const recordingClient = (urls: Array<URL>) =>
  Effect.map(
    HttpClient.HttpClient,
    HttpClient.tapRequest((request) => Effect.map(OutgoingRequest.urlOf(request), (url) => void urls.push(url))),
  )

describe("PolyvClient options and configuration", () => {
  it.effect("sends a fresh signed signatureNonce per request when asked, and the mock accepts it", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const urls: Array<URL> = []
      const recording = yield* recordingClient(urls)
      yield* PolyvClient.use((polyv) => Effect.all([polyv.micHistory({}), polyv.micHistory({})])).pipe(
        Effect.provide(PolyvClient.layer({ ...credentials, signatureNonce: true })),
        Effect.provideService(HttpClient.HttpClient, recording),
      )
      const nonces = urls.map((u) => u.searchParams.get("signatureNonce"))
      assert.strictEqual(nonces.length, 2)
      for (const nonce of nonces) assert.match(nonce ?? "", /^[0-9a-f]{32}$/)
      assert.notStrictEqual(nonces[0], nonces[1])
    }).pipe(Effect.provide(MockLayer.inProcess({ seed: "client", now: t0 }))))

  it.effect("layerConfig reads POLYV_APP_ID, POLYV_APP_SECRET and POLYV_BASE_URL", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const mock = yield* MockLayer.Mock
      const urls: Array<URL> = []
      const recording = yield* recordingClient(urls)
      const mic = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(
        Effect.provide(PolyvClient.layerConfig()),
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({
          POLYV_APP_ID: demoCredentials.appId,
          POLYV_APP_SECRET: demoCredentials.appSecret,
          POLYV_BASE_URL: "http://configured.test/",
        }))),
        Effect.provideService(HttpClient.HttpClient, recording),
      )
      assert.strictEqual(mic.userId, mock.world.mainUser)
      assert.match(urls[0]!.href, /^http:\/\/configured\.test\/live\/v4\//)
    }).pipe(Effect.provide(MockLayer.inProcess({ seed: "client", now: t0 }))))

  it.effect("layerConfig fails with a ConfigError naming the missing secret", () =>
    Effect.gen(function*() {
      const error = yield* PolyvClient.use((polyv) => polyv.micHistory({})).pipe(
        Effect.provide(PolyvClient.layerConfigNode()),
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({ POLYV_APP_ID: "x" }))),
        Effect.flip,
      )
      assert.include(String(error), "POLYV_APP_SECRET")
    }))
})

describe("PolyvClient against the mock over a real socket", () => {
  it.effect("session list end to end, and a refused connection is a TransportError", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const running = yield* MockLayer.serve({ seed: "client", now: t0, clock: () => t0 })
      const channel = running.mock.world.channels[1]!
      const page = yield* PolyvClient.use((polyv) => polyv.sessionList({ channelId: channel.channelId, pageSize: 3 }))
        .pipe(
          Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: running.url })),
        )
      assert.deepStrictEqual(
        page.contents.map((s) => s.sessionId),
        running.mock.world.sessions(channel).slice(0, 3).map((s) => s.sessionId),
      )
      const closed = yield* MockLayer.serve({ seed: "client" }).pipe(
        Effect.flatMap((other) => Effect.promise(other.close).pipe(Effect.as(other.url))),
      )
      const refused = yield* PolyvClient.use((polyv) => polyv.sessionList({ channelId: channel.channelId })).pipe(
        Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: closed, retry: false })),
        Effect.flip,
      )
      assert.strictEqual(refused._tag, "TransportError")
      assert.notInclude(refused.message, "sign=")
    }))
})
