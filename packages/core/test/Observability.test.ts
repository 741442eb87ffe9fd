/** Spans named after endpoints with channel/session attributes, debug logs — never the secret or the sign. */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Logger, Redacted, References } from "effect"
import { TestClock } from "effect/testing"
import { Contract, PolyvClient } from "../src/index.js"
import { recordingTracer } from "./recordingTracer.js"
import { clockReader, overFetch, scriptedFetch, v3error, v3ok } from "./scriptedFetch.js"

const SECRET = "observability-secret-0123456789"

describe("observability", () => {
  it.effect("each call runs in a span polyv.<endpoint> with its channel and session, and logs at debug", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2030-01-01T00:00:00Z"))
      const { spans, tracer } = recordingTracer()
      const lines: Array<string> = []
      const logger = Logger.make((options) => {
        lines.push(
          JSON.stringify({
            message: options.message,
            level: options.logLevel,
            annotations: options.fiber.getRef(References.CurrentLogAnnotations),
          }),
        )
      })
      const { fetch, sent } = scriptedFetch(
        (url) =>
          url.pathname.includes("export")
            ? v3error(400, "Report is not ready yet, please try again later.")
            : v3ok([{ duration: 1, channelId: 5 }]),
        yield* clockReader,
      )
      yield* PolyvClient.use((polyv) =>
        Effect.all([
          polyv.liveDurations({ channelIds: ["5", "6"] }),
          Effect.flip(polyv.exportReport({ channelId: "5", sessionId: "abc" })),
        ])
      ).pipe(
        Effect.provide(
          PolyvClient.layer({ appId: "app", appSecret: Redacted.make(SECRET) }).pipe(Layer.provide(overFetch(fetch))),
        ),
        Effect.withTracer(tracer),
        Effect.provide(Logger.layer([logger])),
        Effect.provideService(References.MinimumLogLevel, "Debug"),
      )
      const named = new Map(spans.map((s) => [s.name, s]))
      assert.deepStrictEqual([...named.keys()].filter((n) => n.startsWith("polyv.")).toSorted(), [
        "polyv.exportReport",
        "polyv.liveDurations",
      ])
      const exportSpan = named.get("polyv.exportReport")!
      assert.strictEqual(exportSpan.attributes.get("polyv.endpoint"), Contract.byName.exportReport.path)
      assert.strictEqual(exportSpan.attributes.get("polyv.channel_id"), "5")
      assert.strictEqual(exportSpan.attributes.get("polyv.session_id"), "abc")
      assert.strictEqual(named.get("polyv.liveDurations")!.attributes.get("polyv.channel_ids"), "5,6")
      assert.isAbove(lines.filter((l) => l.includes("polyv request")).length, 1)
      assert.isTrue(lines.some((l) => l.includes("\"Debug\"") || l.includes("DEBUG") || l.includes("Debug")))

      const emitted = [
        ...lines,
        ...spans.map((s) => JSON.stringify({ name: s.name, attributes: [...s.attributes] })),
      ].join("\n")
      assert.notInclude(emitted, SECRET)
      for (const s of sent) assert.notInclude(emitted, s.params.sign!)
    }))
})
