import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Redacted, Schema } from "effect"
import { TestClock } from "effect/testing"
import { createHash } from "node:crypto"
import { inspect } from "node:util"
import { signVectors } from "../../../spec/seedPages.js"
import { Contract, PolyvClient, type PolyvClientOptions, type PolyvClientService, Signer } from "../src/index.js"
import { overFetch } from "./scriptedFetch.js"

const SECRET = "redaction-test-secret-7f3a9c1e5b"
const baseUrl = "http://polyv.test"
const options: PolyvClientOptions = { appId: "app-redaction", appSecret: Redacted.make(SECRET), baseUrl }

interface Sent {
  readonly url: URL
  readonly method: string
  readonly headers: Array<[string, string]>
  readonly body: string
}

/** A fetch that records each request and answers with `answer`. */
const fakeFetch = (answer: (url: URL) => Response) => {
  const sent: Array<Sent> = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    sent.push({
      url,
      method: init?.method ?? "GET",
      headers: [...new Headers(init?.headers).entries()],
      body: init?.body === undefined || init.body === null ? "" : String(init.body),
    })
    return answer(url)
  }) as typeof globalThis.fetch
  return { fetch, sent }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

const withClient = <A, E>(
  use: (client: PolyvClientService) => Effect.Effect<A, E>,
  fetch: typeof globalThis.fetch,
  clientOptions: PolyvClientOptions = options,
) =>
  Effect.gen(function*() {
    const client = yield* PolyvClient
    return yield* use(client)
  }).pipe(
    // One attempt per call: these tests look at what a failure carries, not at retries.
    Effect.provide(PolyvClient.layer({ retry: false, ...clientOptions }).pipe(Layer.provide(overFetch(fetch)))),
  )

/** Every way an error is likely to be printed or logged. */
const renderings = (error: unknown, cause: Cause.Cause<unknown>): Array<string> => [
  (error as Error).message,
  JSON.stringify(error),
  String(error),
  `${error as string}`,
  inspect(error, { depth: Infinity }),
  inspect(error, { depth: Infinity, showHidden: true }),
  (error as Error).stack ?? "",
  Cause.pretty(cause),
]

const requestText = (sent: Sent): string =>
  [sent.url.href, decodeURIComponent(sent.url.href), sent.method, JSON.stringify(sent.headers), sent.body].join("\n")

describe("the app secret stays Redacted", () => {
  it("the options object prints <redacted>, never the secret", () => {
    expect(String(options.appSecret)).toBe("<redacted>")
    expect(String(options)).not.toContain(SECRET)
    expect(JSON.stringify(options)).toContain("<redacted>")
    expect(JSON.stringify(options)).not.toContain(SECRET)
    expect(inspect(options, { depth: Infinity })).toContain("<redacted>")
    expect(inspect(options, { depth: Infinity })).not.toContain(SECRET)
    expect(`${JSON.stringify({ options })}`).not.toContain(SECRET)
  })

  // Each scenario: what the fake server does, which call is made, and the error expected.
  const scenarios: ReadonlyArray<{
    readonly name: string
    readonly answer: (url: URL) => Response
    readonly call: (client: PolyvClientService) => Effect.Effect<unknown, unknown>
    readonly tag: string | undefined
  }> = [
    {
      name: "success",
      answer: () => json(200, { code: 200, status: "success", message: "", data: [{ duration: 1, channelId: 1 }] }),
      call: (c) => c.liveDurations({ channelIds: ["1"] }),
      tag: undefined,
    },
    {
      name: "invalid signature (v3, 403)",
      answer: () => json(403, { code: 403, status: "error", message: "invalid signature.", data: "" }),
      call: (c) => c.liveDurations({ channelIds: ["1", "2"] }),
      tag: "InvalidSignature",
    },
    {
      name: "invalid signature (v3 body, HTTP 200)",
      answer: () => json(200, { code: 400, status: "error", message: "invalid signature.", data: "" }),
      call: (c) => c.sessionList({ channelId: "2272655", page: 1 }),
      tag: "InvalidSignature",
    },
    {
      name: "application not found (v4)",
      answer: () =>
        json(400, {
          code: 400,
          status: "error",
          requestId: "d310b70bc329403f87f77f9203d50f89.128.16360831552223589",
          error: { code: 20001, desc: "application not found." },
          success: false,
        }),
      call: (c) => c.micHistory({ startTime: new Date(1632672000000) }),
      tag: "ApplicationNotFound",
    },
    {
      name: "non-JSON 502",
      answer: () => new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", { status: 502 }),
      call: (c) => c.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
      tag: "ServerError",
    },
    {
      name: "an HTML 400 page that echoes the request URL",
      answer: (url) => new Response(`<html><body>Bad request: ${url.search}</body></html>`, { status: 400 }),
      call: (c) => c.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
      tag: "UnexpectedResponse",
    },
    {
      name: "a v3 error whose message echoes the query",
      answer: (url) => json(400, { code: 400, status: "error", message: `bad query ${url.search}`, data: "" }),
      call: (c) => c.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
      tag: "UnexpectedResponse",
    },
    {
      name: "a success whose data breaks the contract",
      answer: () => json(200, { code: 200, status: "success", message: "", data: { nope: true } }),
      call: (c) => c.liveDurations({ channelIds: ["1"] }),
      tag: "UnexpectedResponse",
    },
    {
      name: "a refused connection (fetch throws a TypeError)",
      answer: () => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:80") })
      },
      call: (c) => c.yunduoSummary({ users: ["1b448be323"], start: "2021-08-01", end: "2021-08-17" }),
      tag: "TransportError",
    },
    {
      name: "fetch throws an error naming the full URL",
      answer: (url) => {
        throw new TypeError(`Failed to fetch ${url.href}`, { cause: new Error(`request to ${url.href} failed`) })
      },
      call: (c) => c.liveDurations({ channelIds: ["1"] }),
      tag: "TransportError",
    },
  ]

  it.effect.each(scenarios)("$name: neither the secret nor the sign leaks", (scenario) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(scenario.answer)
      const exit = yield* Effect.exit(withClient(scenario.call, fetch))

      expect(sent).toHaveLength(1)
      const sign = sent[0]!.url.searchParams.get("sign")
      expect(sign).toMatch(/^[0-9A-F]{32}$/)
      expect(requestText(sent[0]!)).not.toContain(SECRET)

      if (scenario.tag === undefined) {
        expect(Exit.isSuccess(exit)).toBe(true)
        return
      }
      if (!Exit.isFailure(exit)) throw new Error("expected a failure")
      const error = Cause.squash(exit.cause)
      expect((error as { _tag: string })._tag).toBe(scenario.tag)
      for (const text of renderings(error, exit.cause)) {
        expect(text).not.toContain(sign)
        expect(text).not.toContain(SECRET)
      }
    }))

  it.effect("a refused connection still says why, without the URL's query", () =>
    Effect.gen(function*() {
      const { fetch } = fakeFetch(() => {
        throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:80") })
      })
      const error = yield* Effect.flip(withClient((c) => c.liveDurations({ channelIds: ["1"] }), fetch))
      expect(error._tag).toBe("TransportError")
      expect(error).toMatchObject({ endpoint: "liveDurations" })
      expect(error.message).toContain("ECONNREFUSED")
    }))
})

const { appSecret: vectorSecret, vectors } = signVectors()
const vectorSign = (name: string) => {
  const vector = vectors.find((v) => v.case === name)
  if (vector === undefined) throw new Error(`no sign vector ${name}`)
  return vector.sign
}
const vectorOptions: PolyvClientOptions = {
  appId: "g4rqgmmjuo",
  appSecret: Redacted.make(vectorSecret),
  baseUrl: `${baseUrl}/`,
}

/** Polyv's rule, written out independently of the Signer: MD5 of secret + sorted name+value + secret. */
const independentSign = (params: URLSearchParams, secret: string) => {
  // Insertion by code-unit order, so as not to share the Signer's sort.
  const sorted: Array<[string, string]> = []
  for (const entry of params.entries()) {
    if (entry[0] === "sign") continue
    const at = sorted.findIndex(([name]) => name > entry[0])
    sorted.splice(at < 0 ? sorted.length : at, 0, entry)
  }
  const canonical = sorted.map(([name, value]) => name + value).join("")
  return createHash("md5").update(secret + canonical + secret, "utf8").digest("hex").toUpperCase()
}

const success = (data: unknown) => () => json(200, { code: 200, status: "success", message: "", data })

/** A page the contract does not have, with the parameters of Polyv's signing-page example. */
const signingPageExample = {
  name: "signingPageExample",
  title: { zh: "签名示例", en: "Signing example" },
  seed: "none",
  path: "/live/v3/example",
  methods: ["GET"],
  envelope: "v3",
  params: Schema.Struct({
    channelIds: Schema.String,
    startDay: Schema.String,
    endDay: Schema.String,
    page: Schema.optional(Schema.String),
    size: Schema.optional(Schema.String),
  }),
  data: Schema.Unknown,
  errorCodes: {},
} as const satisfies Contract.Endpoint

describe("what the client sends", () => {
  it.effect("timestamp is the clock's current ms, with appId, sorted params and a sign Signer reproduces", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(success([]))
      yield* withClient((c) => c.liveDurations({ channelIds: ["108888", "108188"] }), fetch, vectorOptions)

      const { url, method } = sent[0]!
      expect(method).toBe("GET")
      expect(url.origin + url.pathname).toBe(`${baseUrl}${Contract.liveDurations.path}`)
      expect([...url.searchParams.keys()]).toEqual(["appId", "channelIds", "timestamp", "sign"])
      expect(url.searchParams.get("appId")).toBe("g4rqgmmjuo")
      expect(url.searchParams.get("timestamp")).toBe("1660270926732")
      expect(url.searchParams.get("channelIds")).toBe("108888,108188")
      // The seeds' known answer, Polyv's rule written out here, and the Signer all agree.
      const sign = url.searchParams.get("sign")
      expect(sign).toBe(vectorSign("live durations"))
      expect(sign).toBe(independentSign(url.searchParams, vectorSecret))
      const unsigned = Object.fromEntries([...url.searchParams].filter(([name]) => name !== "sign"))
      expect(Signer.sign(unsigned, Redacted.make(vectorSecret))).toBe(sign)
    }))

  it.effect("each call takes a fresh timestamp from the clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1700000000123)
      const { fetch, sent } = fakeFetch(success([]))
      const call = withClient((c) => c.liveDurations({ channelIds: ["1"] }), fetch)
      yield* call
      yield* TestClock.adjust("90 seconds")
      yield* call
      const [first, second] = sent.map((s) => s.url.searchParams)
      expect(first!.get("timestamp")).toBe("1700000000123")
      expect(second!.get("timestamp")).toBe("1700000090123")
      expect(first!.get("timestamp")).toMatch(/^\d{13}$/)
      expect(first!.get("sign")).not.toBe(second!.get("sign"))
      expect(second!.get("sign")).toBe(independentSign(second!, SECRET))
    }))

  it.effect.each<{
    readonly vector: string
    readonly path: string
    readonly call: (c: PolyvClientService) => Effect.Effect<unknown, unknown>
  }>([
    {
      vector: "export",
      path: Contract.exportReport.path,
      call: (c: PolyvClientService) => c.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
    },
    {
      vector: "yunduo summary",
      path: Contract.yunduoSummary.path,
      call: (c: PolyvClientService) =>
        c.yunduoSummary({ users: ["1b448be323", "a6580a9674"], start: "2021-08-01", end: "2021-08-17" }),
    },
    {
      vector: "mic history (v4)",
      path: Contract.micHistory.path,
      call: (c: PolyvClientService) =>
        c.micHistory({ startTime: new Date(1632672000000), endTime: new Date(1633017600000) }),
    },
    {
      vector: "session list, empty and blank values dropped",
      path: Contract.sessionList.path,
      call: (c: PolyvClientService) => c.sessionList({ channelId: "2272655", page: 1 }),
    },
  ])("reproduces the sign vector `$vector`", ({ vector, path, call }) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(() => new Response("not json", { status: 200 }))
      yield* Effect.exit(withClient(call, fetch, vectorOptions))
      const { url } = sent[0]!
      expect(url.pathname).toBe(path)
      const expected = vectors.find((v) => v.case === vector)!
      const sentParams = Object.fromEntries([...url.searchParams].filter(([name]) => name !== "sign"))
      const nonBlank = Object.fromEntries(
        Object.entries(expected.params).filter(([, v]) => v !== null && v.trim() !== ""),
      )
      expect(sentParams).toEqual(nonBlank)
      expect(url.searchParams.get("sign")).toBe(expected.sign)
    }))

  it.effect("blank and undefined parameters are neither sent nor signed (Polyv's signing-page example)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(success(null))
      yield* withClient(
        (c) =>
          c.call(signingPageExample, {
            channelIds: "2477096,2272655",
            startDay: "2022-05-20",
            endDay: "2022-06-18",
            page: undefined,
            size: "  ",
          }),
        fetch,
        vectorOptions,
      )
      const { url } = sent[0]!
      expect([...url.searchParams.keys()]).toEqual(["appId", "channelIds", "endDay", "startDay", "timestamp", "sign"])
      expect(url.searchParams.get("sign")).toBe(vectorSign("Polyv's signing page example (nulls dropped)"))
    }))

  it.effect("an optional parameter given as undefined is not sent", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(() => new Response("not json", { status: 200 }))
      const startDate: Date | undefined = undefined
      yield* Effect.exit(
        withClient((c) => c.sessionList({ channelId: "2272655", page: 1, startDate }), fetch, vectorOptions),
      )
      expect(sent).toHaveLength(1)
      const { url } = sent[0]!
      expect([...url.searchParams.keys()]).toEqual(["appId", "channelId", "page", "timestamp", "sign"])
      expect(url.searchParams.get("sign")).toBe(vectorSign("session list, empty and blank values dropped"))
    }))

  it.effect("SHA256 signing sends and signs signatureMethod", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(success(null))
      yield* withClient(
        (c) =>
          c.call(signingPageExample, { channelIds: "2477096,2272655", startDay: "2022-05-20", endDay: "2022-06-18" }),
        fetch,
        { ...vectorOptions, signatureMethod: "SHA256" },
      )
      const { url } = sent[0]!
      expect(url.searchParams.get("signatureMethod")).toBe("SHA256")
      expect(url.searchParams.get("sign")).toBe(vectorSign("Polyv's example with signatureMethod=SHA256 (signed too)"))
    }))

  it.effect("dates go out as China time and are URL-encoded only on the wire", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1660270926732)
      const { fetch, sent } = fakeFetch(() => new Response("not json", { status: 200 }))
      yield* Effect.exit(withClient(
        (c) => c.sessionList({ channelId: "2272655", startDate: new Date(Date.UTC(2022, 4, 1, 16)) }),
        fetch,
      ))
      const { url } = sent[0]!
      expect(url.searchParams.get("startDate")).toBe("2022-05-02 00:00:00")
      expect(url.search).not.toContain(" ")
      expect(url.searchParams.get("sign")).toBe(independentSign(url.searchParams, SECRET))
    }))

  it.effect("an invalid parameter is refused before anything is sent", () =>
    Effect.gen(function*() {
      const { fetch, sent } = fakeFetch(success([]))
      const error = yield* Effect.flip(withClient((c) => c.liveDurations({ channelIds: ["12a"] }), fetch))
      expect(error._tag).toBe("InvalidParameter")
      expect(error.message).toContain("channelIds")
      expect(sent).toHaveLength(0)
    }))
})
