/**
 * A body cut short is a transport failure, retried; a whole answer of the wrong shape is not
 * (issue 16, point 16). First the recognition of JSON that ends mid-value, against `JSON.parse`;
 * then a hostile server on a real socket, through both transports the project uses (core's
 * `node:http` one and `fetch`, which the CLI uses).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import fc from "fast-check"
import { propertyRuns } from "../../../propertyRuns.js"
import { isCutShortJson, scanJson } from "../src/envelope/CutShort.js"
import { PolyvClient } from "../src/index.js"
import { hostile, type Reply, transports } from "./hostileServer.js"

const parses = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe("JSON cut short", () => {
  it("every prefix of a JSON text is whole JSON where JSON.parse takes it, else cut short", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined)
        expect(scanJson(text)).toBe("complete")
        for (let n = 1; n < text.length; n++) {
          const prefix = text.slice(0, n)
          // A prefix may be whole JSON itself: `12` of `123`.
          expect(scanJson(prefix), prefix).toBe(parses(prefix) ? "complete" : "cut")
          expect(isCutShortJson(prefix), prefix).toBe(!parses(prefix))
        }
      }),
      propertyRuns(100),
    )
  })

  it("calls a text whole JSON exactly when JSON.parse does", () => {
    const pieces = fc.constantFrom(
      ..."{}[]\":,.-+0123456789eEtrufalsn \n\\/bu\u0001x".split(""),
      "true",
      "null",
      "\"a\"",
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
        const text = parts.join("")
        expect(scanJson(text) === "complete", text).toBe(parses(text))
      }),
      propertyRuns(3000),
    )
  })

  it("a text with a character JSON never allows there is not cut short, whatever follows", () => {
    for (
      const text of [
        "<html><body>502 Bad Gateway</body></html>",
        "not json",
        "{'code':200}",
        "{\"code\" 200",
        "[01",
        "{\"code\":200}}",
        "{\"code\":200} trailing",
        "[1,]",
        "{,",
        "[1 2",
        "nul1",
        "-a",
        "1.e5",
        "True",
        "\"\u0001\"",
        "\"\\x\"",
        "\"\\u12g4\"",
      ]
    ) {
      expect(scanJson(text), text).toBe("invalid")
      expect(isCutShortJson(text), text).toBe(false)
    }
  })

  it("an empty or blank body is not cut short: it is a whole answer with nothing in it", () => {
    for (const text of ["", " ", "\r\n\t "]) expect(isCutShortJson(text)).toBe(false)
  })

  it("a deeply nested body is scanned without recursion", () => {
    expect(scanJson("[".repeat(200_000))).toBe("cut")
    expect(scanJson(`${"[".repeat(50_000)}${"]".repeat(50_000)}`)).toBe("complete")
  })
})

const whole = JSON.stringify({ code: 200, status: "success", message: "", data: [{ duration: 60, channelId: 1 }] })
const half = whole.slice(0, whole.length >> 1)

const head = (length: number | undefined) =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n${
    length === undefined ? "" : `content-length: ${length}\r\n`
  }\r\n`
const answers = {
  whole: (body: string): Reply => (socket) => socket.end(head(Buffer.byteLength(body)) + body),
  /** Announces the whole length, sends half, closes: the transport notices. */
  shortOfItsLength: ((socket) => socket.end(head(whole.length) + half)) as Reply,
  /** No length, closed after half: HTTP cannot tell, the JSON ends mid-value. */
  unframedHalf: ((socket) => socket.end(head(undefined) + half)) as Reply,
}

const durations = (client: Layer.Layer<PolyvClient>) =>
  PolyvClient.use((polyv) => polyv.liveDurations({ channelIds: ["1"] })).pipe(Effect.provide(client), Effect.result)

describe.each(transports)("over a real socket, %s", (_name, client) => {
  for (
    const [what, first] of [
      ["a body shorter than its Content-Length", answers.shortOfItsLength],
      ["a body without a length, closed mid-JSON", answers.unframedHalf],
    ] as const
  ) {
    it.live(`${what} is retried, and the next whole answer is the result`, () =>
      Effect.gen(function*() {
        const server = yield* hostile([first, answers.whole(whole)])
        const result = yield* durations(client(server.url))
        expect(result._tag === "Success" && result.success).toEqual([{ duration: 60, channelId: "1" }])
        expect(server.requests).toHaveLength(2)
      }).pipe(Effect.scoped))
  }

  it.live("a body that never comes whole fails as a TransportError naming the cut, without the sign", () =>
    Effect.gen(function*() {
      const server = yield* hostile([answers.shortOfItsLength])
      const result = yield* durations(client(server.url))
      const error = result._tag === "Failure" ? result.failure : undefined
      expect(error?._tag).toBe("TransportError")
      expect(error?.message).toMatch(/^the HTTP 200 answer was cut short: the body could not be read whole/)
      expect(error?.message).not.toMatch(/sign=/)
      expect(server.requests).toHaveLength(4)
    }).pipe(Effect.scoped))

  for (
    const [what, body] of [
      ["valid JSON of the wrong shape", JSON.stringify({ code: 200, status: "success", message: "", data: "x" })],
      ["an HTML page", "<html><body>Welcome to nginx!</body></html>"],
    ] as const
  ) {
    it.live(`a whole answer that is ${what} is UnexpectedResponse, after one attempt`, () =>
      Effect.gen(function*() {
        const server = yield* hostile([answers.whole(body), answers.whole(whole)])
        const result = yield* durations(client(server.url))
        expect(result._tag === "Failure" && result.failure._tag).toBe("UnexpectedResponse")
        expect(server.requests).toHaveLength(1)
      }).pipe(Effect.scoped))
  }
})
