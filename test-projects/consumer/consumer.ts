// What a consumer writes: the Effect API and the Promise API, against the mock on a socket.
import { createPolyvClient, InvalidSignature, PolyvClient } from "@polyv-stats/core"
import { demoCredentials, startServer } from "@polyv-stats/mock-server"
import { Effect, Layer, Redacted, Stream } from "effect"
import { FetchHttpClient } from "effect/http"

const check = (condition: boolean, what: string) => {
  if (!condition) throw new Error(`consumer check failed: ${what}`)
  console.log(`ok - ${what}`)
}

const mock = await startServer({ seed: "consumer" })
try {
  const channel = mock.mock.world.channels[1]!
  const expected = mock.mock.world.sessions(channel).slice(0, 5).map((s) => s.sessionId)

  // The Effect API, over the Node transport, and over any HttpClient given to it.
  const options = {
    appId: demoCredentials.appId,
    appSecret: Redacted.make(demoCredentials.appSecret),
    baseUrl: mock.url,
  }
  const sessions = PolyvClient.use((polyv) =>
    Stream.runCollect(Stream.take(polyv.sessions(channel.channelId, { pageSize: 2 }), 5))
  )
  const viaEffect = await Effect.runPromise(sessions.pipe(Effect.provide(PolyvClient.layerNode(options))))
  check(JSON.stringify(viaEffect.map((s) => s.sessionId)) === JSON.stringify(expected), "Effect API streams sessions")
  const viaFetch = await Effect.runPromise(
    sessions.pipe(Effect.provide(PolyvClient.layer(options).pipe(Layer.provide(FetchHttpClient.layer)))),
  )
  check(
    JSON.stringify(viaFetch.map((s) => s.sessionId)) === JSON.stringify(expected),
    "Effect API over a given HttpClient (FetchHttpClient)",
  )

  // The Promise API.
  const polyv = createPolyvClient({
    appId: demoCredentials.appId,
    appSecret: demoCredentials.appSecret,
    baseUrl: mock.url,
  })
  const page = await polyv.sessionList({ channelId: channel.channelId, pageSize: 5 })
  check(
    JSON.stringify(page.contents.map((s) => s.sessionId)) === JSON.stringify(expected),
    "Promise API lists sessions",
  )
  const [duration] = await polyv.liveDurations({ channelIds: [channel.channelId] })
  check(duration?.channelId === channel.channelId, "Promise API: channel IDs are strings")
  await polyv.close()

  const wrong = createPolyvClient({ appId: demoCredentials.appId, appSecret: "not-the-secret", baseUrl: mock.url })
  const error = await wrong.micHistory({}).catch((e: unknown) => e)
  check(
    error instanceof InvalidSignature && error.name === "InvalidSignature",
    "Promise API rejects with InvalidSignature",
  )
  await wrong.close()
} finally {
  await mock.close()
}
