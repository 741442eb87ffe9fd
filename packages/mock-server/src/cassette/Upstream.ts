/**
 * The upstream a recorder forwards to: an `http:` or `https:` URL with no credentials, query or
 * fragment in it, checked before anything listens.
 *
 * @module
 */

/** What an upstream URL must look like, for a usage error. */
export const expectedUpstream =
  "an http:// or https:// URL such as https://api.polyv.net, with no user, query or fragment"

/** `text` as an upstream URL, or why it is not one. */
export const parseUpstream = (text: string): URL | { readonly problem: string } => {
  if (!URL.canParse(text)) return { problem: `"${text}" is not a URL` }
  const url = new URL(text)
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { problem: `${url.protocol} is not http: or https:` }
  }
  if (url.username !== "" || url.password !== "") return { problem: "it holds a user or password" }
  if (url.search !== "" || url.hash !== "") return { problem: "it holds a query or fragment" }
  return url
}

/** Where a request for `pathAndQuery` (`/live/…?a=1`) goes upstream: the upstream's path is a prefix. */
export const forwardUrl = (upstream: URL, pathAndQuery: string): string =>
  `${upstream.origin}${upstream.pathname.replace(/\/+$/, "")}${pathAndQuery}`
