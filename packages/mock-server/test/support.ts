/**
 * Test support: a way to send signed requests to a mock, the same for the in-process handler, the
 * socket server and the Effect layer (its `HttpClient` handing requests to the mock), so one
 * contract suite runs against all three.
 */
import { Signer } from "@polyv-stats/core"
import { Context, Effect, Exit, Layer, Redacted, Scope } from "effect"
import { HttpClient, HttpClientRequest } from "effect/http"
import { demoCredentials, MockLayer, type MockOptions, PolyvMock, startServer } from "../src/index.js"

/** A fixed instant for the mock's clock (virtual time: nothing in these tests waits). */
export const now = Date.parse("2026-11-23T04:00:00Z")

export interface Sent {
  readonly status: number
  readonly text: string
  readonly json: Record<string, unknown>
}

export interface Target {
  readonly name: string
  /** Starts a mock with these options; returns how to reach it and how to stop it. */
  readonly start: (
    options: MockOptions,
  ) => Promise<{ mock: PolyvMock; fetch: typeof fetch; base: string; stop: () => Promise<void> }>
}

export const inProcess: Target = {
  name: "in-process handler",
  start: async (options) => {
    const mock = new PolyvMock(options)
    return { mock, fetch: mock.fetch as typeof fetch, base: "http://mock.test", stop: async () => {} }
  },
}

export const socket: Target = {
  name: "socket server",
  start: async (options) => {
    const running = await startServer(options)
    return { mock: running.mock, fetch: globalThis.fetch, base: running.url, stop: running.close }
  },
}

/**
 * `MockLayer.inProcess`'s `HttpClient`, as `PolyvClient.layer` reaches it (no `fetch` inside),
 * behind a `fetch`-shaped front so the suite can send it the same requests.
 */
export const effectLayer: Target = {
  name: "Effect layer",
  start: async (options) => {
    const scope = Scope.makeUnsafe()
    const context = await Effect.runPromise(
      Layer.buildWithScope(MockLayer.inProcess(options), scope),
    )
    const viaTransport = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const sent = new Request(input, init)
      const body = sent.method === "GET" ? "" : await sent.text()
      const request = HttpClientRequest.make(sent.method as "GET" | "POST")(sent.url, {
        headers: Object.fromEntries(sent.headers),
      }).pipe((r) => (body === "" ? r : HttpClientRequest.bodyText(r, body, sent.headers.get("content-type") ?? "")))
      const answer = await Effect.runPromise(
        Effect.flatMap(
          HttpClient.execute(request),
          (response) => Effect.map(response.arrayBuffer, (bytes) => ({ response, bytes })),
        ).pipe(Effect.provideContext(context)),
      )
      return new Response(answer.bytes, { status: answer.response.status, headers: answer.response.headers })
    }
    return {
      mock: Context.get(context, MockLayer.Mock),
      fetch: viaTransport as typeof fetch,
      base: "http://mock.test",
      stop: () => Effect.runPromise(Scope.close(scope, Exit.void)),
    }
  },
}

export const secret = Redacted.make(demoCredentials.appSecret)

/** Business parameters plus appId and timestamp, signed; `override` replaces or removes (null) any of them after signing. */
export const signed = (
  params: Record<string, string>,
  override: Record<string, string | null> = {},
  at = now,
): Record<string, string> => {
  const all: Record<string, string> = { appId: demoCredentials.appId, timestamp: String(at), ...params }
  all.sign = Signer.sign(all, secret)
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete all[k]
    else all[k] = v
  }
  return all
}

/** The init of an admin write: a POST that says its body is JSON (a string body is sent as it is). */
export const adminPost = (body: unknown = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
})

export const client = (running: { fetch: typeof fetch; base: string }) => ({
  get: async (path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Sent> => {
    const response = await running.fetch(`${running.base}${path}?${new URLSearchParams(params)}`, { headers })
    const text = await response.text()
    return { status: response.status, text, json: JSON.parse(text) }
  },
  post: async (path: string, params: Record<string, string>): Promise<Sent> => {
    const response = await running.fetch(`${running.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    })
    const text = await response.text()
    return { status: response.status, text, json: JSON.parse(text) }
  },
  /** An admin call: JSON in, JSON out (a GET without a body). */
  admin: async (path: string, body?: unknown): Promise<Sent> => {
    const response = await running.fetch(`${running.base}${path}`, body === undefined ? {} : adminPost(body))
    const text = await response.text()
    return { status: response.status, text, json: JSON.parse(text) }
  },
})

/** A mock clock the test moves by hand (virtual time for the plain handler). */
export const manualClock = (start = now) => {
  let t = start
  return { read: () => t, set: (to: number) => (t = to), advance: (ms: number) => (t += ms) }
}

/** Keys and JSON types of a value, recursively (arrays by their first element): the shape a page documents. */
export const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])]
  if (value === null) return "null"
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]).toSorted(([a], [b]) => (a! < b! ? -1 : 1)),
    )
  }
  return typeof value
}
