/**
 * A fake `fetch` that answers from a script, one answer per request, and records what was sent
 * with the virtual time it was sent at. Lets retry, pacing and batching tests count attempts.
 */
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"

export type Answer =
  | { readonly status: number; readonly body: string }
  /** The connection fails, as fetch does when nothing listens. */
  | "reset"
  /** No answer ever comes (until the request is aborted). */
  | "hang"

export interface Sent {
  readonly url: URL
  readonly params: Record<string, string>
  /** Virtual time (ms) when the request was sent. */
  readonly at: number
}

export const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) })

/** Answers from the script; after its end, repeats the last answer. */
export const scriptedFetch = (
  script: ReadonlyArray<Answer> | ((url: URL, index: number) => Answer),
  now: () => number,
) => {
  const sent: Array<Sent> = []
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    sent.push({ url, params: Object.fromEntries(url.searchParams), at: now() })
    const index = sent.length - 1
    const answer = typeof script === "function" ? script(url, index) : script[Math.min(index, script.length - 1)]!
    if (answer === "reset") return Promise.reject(new TypeError("fetch failed", { cause: new Error("ECONNRESET") }))
    if (answer === "hang") {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
        signal?.addEventListener("abort", () => reject(signal.reason))
      })
    }
    return Promise.resolve(
      new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } }),
    )
  }) as typeof globalThis.fetch
  return { fetch, sent }
}

export const v3ok = (data: unknown) => json(200, { code: 200, status: "success", message: "", data })
export const v3error = (code: number, message: string, status = "error") =>
  json(code, { code, status, message, data: "" })

/** Reads the virtual clock synchronously for the recorder. */
export const clockReader = Effect.map(
  Effect.clockWith((clock) => Effect.succeed(clock)),
  (clock) => () => clock.currentTimeMillisUnsafe(),
)

/** The `HttpClient` the client sends through in these tests: Effect's `FetchHttpClient` over `fetch`. */
export const overFetch = (fetch: typeof globalThis.fetch) =>
  FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch)))
