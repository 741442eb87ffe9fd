/**
 * `BufferedResponse` re-implements the readers of Effect's `HttpClientResponse` over one buffered
 * body (see why in its module). This test holds each reader to Effect's own response made from a
 * web `Response` with the same bytes: the same text (a BOM dropped), JSON (an empty body is
 * `null`), bytes, form parameters and form data, and a failure where Effect's fails.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Option, Stream } from "effect"
import { Cookies, Headers, HttpClientRequest, HttpClientResponse, UrlParams } from "effect/http"
import { BufferedResponse } from "../src/index.js"

const request = HttpClientRequest.get("http://example.test/")

class InMemory extends BufferedResponse {
  readonly url = "http://example.test/"
  readonly status = 200
  readonly cookies = Cookies.empty
  readonly remoteAddress = Option.none<string>()
  readonly contentLength = undefined
  readonly headers: Headers.Headers
  constructor(private readonly body: Uint8Array, contentType: string) {
    super(request)
    this.headers = Headers.fromInput({ "content-type": contentType })
  }
  discard() {}
  protected bytesUpTo(_limit: number) {
    return Effect.succeed(this.body)
  }
  get stream() {
    return Stream.make(this.body)
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const bodies: ReadonlyArray<readonly [string, Uint8Array, string]> = [
  ["JSON", utf8(`{"code":200,"data":[1,"二"]}`), "application/json"],
  ["JSON after a BOM", utf8(`\uFEFF{"a":1}`), "application/json"],
  ["an empty body", new Uint8Array(0), "application/json"],
  ["not JSON", utf8("<html>502</html>"), "text/html"],
  ["form parameters", utf8("a=1&b=%E4%BA%8C&a=2"), "application/x-www-form-urlencoded"],
  ["form parameters after a BOM", utf8("\uFEFFa=1"), "application/x-www-form-urlencoded"],
  ["form parameters starting with ?", utf8("?a=1"), "application/x-www-form-urlencoded"],
  [
    "a multipart form",
    utf8("--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--x--\r\n"),
    "multipart/form-data; boundary=x",
  ],
  ["bytes that are not UTF-8", new Uint8Array([0xff, 0xfe, 0x00, 0x41]), "application/octet-stream"],
]

/** A reader's outcome in a comparable form: its value, or that it failed and how. */
const settle = <A>(read: Effect.Effect<A, unknown>, view: (a: A) => unknown = (a) => a) =>
  Effect.map(Effect.exit(read), (exit) =>
    Exit.isSuccess(exit)
      ? { ok: view(exit.value) }
      : {
        failed: (Exit.findErrorOption(exit).pipe(Option.getOrUndefined) as { reason?: { _tag?: string } })?.reason
          ?._tag,
      })

/** Every reader, each on a fresh response (a web response's body can be read once). */
const readAll = (fresh: () => HttpClientResponse.HttpClientResponse) =>
  Effect.all({
    text: settle(fresh().text),
    json: settle(fresh().json),
    bytes: settle(fresh().arrayBuffer, (b) => [...new Uint8Array(b)]),
    params: settle(fresh().urlParamsBody, (p) => UrlParams.toString(p)),
    form: settle(fresh().formData, (f) => [...f.entries()].map(([k, v]) => [k, String(v)])),
  })

describe("BufferedResponse's readers, held to Effect's web response", () => {
  it.effect.each(bodies)("%s", ([, body, type]) =>
    Effect.gen(function*() {
      const theirs = yield* readAll(() =>
        HttpClientResponse.fromWeb(request, new Response(body.slice(), { headers: { "content-type": type } }))
      )
      const ours = yield* readAll(() => new InMemory(body, type))
      expect(ours).toEqual(theirs)
    }))
})
