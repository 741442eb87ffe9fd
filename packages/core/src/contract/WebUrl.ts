/**
 * An absolute `http:` or `https:` URL: what a URL that Polyv gives (the report's download link) must
 * be before anything fetches it. `fetch` would as readily read a `data:` URL (the "download" is then
 * whatever the answer wrote into it) or a `file:` one, and Node's `http` throws on any other scheme;
 * both are refused here, as a value that does not match the contract.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 *
 * Contract.WebUrl.parse("https://liveimages.videocc.net/xx/x.xlsx")?.host // "liveimages.videocc.net"
 * Contract.WebUrl.parse("data:text/plain,hi") // undefined
 * Contract.WebUrl.parse("/next.xlsx", "https://cdn.example/r/1.xlsx")?.href // "https://cdn.example/next.xlsx"
 * ```
 * @module
 */
import { Schema } from "effect"

/** The schemes accepted. */
export const schemes: ReadonlyArray<string> = ["http:", "https:"]

/** What a URL must be, for messages. */
export const expected = "an absolute http(s) URL"

/**
 * `text` as a URL when it is an http(s) one (resolved against `base` when relative, as a
 * redirect's `Location` may be); `undefined` otherwise.
 */
export const parse = (text: string, base?: string | URL): URL | undefined => {
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    return undefined
  }
  return schemes.includes(url.protocol) ? url : undefined
}

/**
 * What `text` is, for a message refusing it: its scheme (`a data: URL`), or `not a URL`; never the
 * rest of it, which may hold a token.
 */
export const describeRefused = (text: string, base?: string | URL): string => {
  try {
    return `a ${new URL(text, base).protocol} URL`
  } catch {
    return "not a URL"
  }
}

/** The check that a text is {@link expected}, for a string schema (`Schema.check(WebUrl.check)`). */
export const check = Schema.makeFilter((text: string) => parse(text) !== undefined, { expected })
