// Real answers, offline: a cassette recorded with `polyv-mock --record`, replayed in process. With
// `strict: true` a call the cassette did not record fails loudly instead of reaching the mock's world.
import { it } from "@effect/vitest"
import { PolyvClient } from "@polyv-stats/core"
import { Cassette, demoCredentials, MockLayer } from "@polyv-stats/mock-server"
import { Effect, Layer, Redacted, Stream } from "effect"
import { TestClock } from "effect/testing"
import { readFileSync } from "node:fs"
import { describe, expect } from "vitest"

// The code under test: every session of a channel in a date range, and a channel's live hours.
const sessionIdsOf = (channelId: string, from: Date, to: Date) =>
  PolyvClient.use((polyv) =>
    Stream.runCollect(polyv.sessions(channelId, { from, to, pageSize: 2 })).pipe(
      Effect.map((sessions) => sessions.map((s) => s.sessionId)),
    )
  )
const liveHoursOf = (channelId: string) =>
  PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: [channelId] })).pipe(
    Effect.map(([channel]) => channel!.duration / 3600),
  )

// Read and checked whole: a bad cassette throws, listing every problem with its path.
const cassette = Cassette.fromText(readFileSync(new URL("polyv.cassette.json", import.meta.url), "utf8"))

// The mock checks appId, timestamp and sign with its own credentials (here the demo pair) before
// it replays anything: sign with those, not with the account the cassette was recorded from.
const polyvOn = (appSecret: string) =>
  PolyvClient.layer({ appId: demoCredentials.appId, appSecret: Redacted.make(appSecret) }).pipe(
    Layer.provideMerge(MockLayer.inProcess({ cassette, strict: true })),
  )

describe("replaying polyv.cassette.json", () => {
  it.effect("answers the recorded calls with the recorded data", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-07-01T00:00:00+08:00"))
      const june = yield* sessionIdsOf("2272655", new Date("2026-06-01"), new Date("2026-06-30T23:59:59+08:00"))
      expect(june).toEqual(["june30", "june23", "june16", "june09", "june02"])
      expect(yield* liveHoursOf("2272655")).toBe(7.5)

      const mock = yield* MockLayer.Mock
      expect(mock.unexpected()).toEqual([]) // every call was in the cassette
    }).pipe(Effect.provide(polyvOn(demoCredentials.appSecret))))

  it.effect("refuses loudly a call it did not record (strict)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-07-01T00:00:00+08:00"))
      const failed = yield* Effect.flip(liveHoursOf("3151318"))
      expect(failed._tag).toBe("UnexpectedResponse")
      const mock = yield* MockLayer.Mock
      expect(mock.unexpected().map((call) => call.reason)).toEqual([
        "polyv-mock strict: unexpected request: the cassette holds no liveDurations call with {\"channelIds\":\"3151318\"}, and no stub answers it",
      ])
    }).pipe(Effect.provide(polyvOn(demoCredentials.appSecret))))
})
