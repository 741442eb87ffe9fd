/**
 * Which host names the admin API answers to. A web page cannot read another site's answers, but
 * with DNS rebinding a page's own name (`evil.example`) is made to resolve to 127.0.0.1: its
 * requests then reach the mock as same-origin requests, naming `Host: evil.example`. The mock's
 * admin routes answer only requests naming the address it listens on, a loopback name or a name
 * given with `--allow-host` (`ServeOptions.allowHosts`), so a rebound name gets nothing.
 *
 * The set of names is built once when the server starts; a request's check is one `Set` lookup.
 *
 * @example
 * ```ts
 * import { Exposure } from "@polyv-stats/mock-server"
 *
 * const allowed = Exposure.allowedHosts("127.0.0.1", ["polyv-mock"])
 * Exposure.hostRefusal(allowed, "polyv-mock:8080", String) // undefined: allowed
 * Exposure.hostRefusal(allowed, "evil.example:8080", String)?.status // 421
 * ```
 * @module
 */
import { isIP } from "node:net"
import { networkInterfaces } from "node:os"
import type { MockResponse } from "../protocol/MockRequest.js"
import { adminTokenFlag } from "./AdminGate.js"
import { adminPrefix } from "./AdminPrefix.js"
import { adminError } from "./AdminResponses.js"

/** The flag (and, as `allowHosts`, the `ServeOptions` field) that adds names to the allowed ones. */
export const allowHostFlag = "allow-host"

/** The names only this machine can stand behind: a browser never resolves them through DNS. */
export const loopbackHosts: ReadonlyArray<string> = ["localhost", "127.0.0.1", "[::1]"]

/** What a host name given to the mock must look like, for error messages. */
export const expectedHostName = "a host name or IP address without a port, e.g. polyv-mock or 10.0.0.5"

const dnsName = /^(?=.{1,253}$)[a-z0-9_][a-z0-9_-]{0,62}(?:\.[a-z0-9_][a-z0-9_-]{0,62})*$/

/**
 * A host name or IP address as a `Host` header names it: lower case, an IPv6 address in brackets,
 * no port. `undefined` when the text is neither a DNS name nor an IP address.
 */
export const hostName = (text: string): string | undefined => {
  const trimmed = text.trim().toLowerCase()
  const bare = trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.slice(1, -1) : trimmed
  const ip = isIP(bare)
  if (ip === 6) return `[${bare}]`
  if (ip === 4 || (bare === trimmed && dnsName.test(bare))) return bare
  return undefined
}

/** Whether an address (as `--host` takes it) can only be reached from this machine. */
export const isLoopback = (host: string): boolean => {
  const name = hostName(host)
  if (name === undefined) return false
  return name === "localhost" || name.endsWith(".localhost") || name === "[::1]" ||
    /^(\[::ffff:)?127\.\d+\.\d+\.\d+\]?$/.test(name)
}

/** The addresses that mean "every interface". */
const wildcards = new Set(["0.0.0.0", "[::]"])

/**
 * The host names the admin API answers to when the mock listens on `listening`: that address
 * (every interface address of the machine for `0.0.0.0` / `::`), the loopback names, and `extra`.
 * Throws naming a value of `extra` that is not a host name.
 */
export const allowedHosts = (listening: string, extra: ReadonlyArray<string> = []): ReadonlySet<string> => {
  const names = new Set(loopbackHosts)
  const own = hostName(listening)
  if (own !== undefined && wildcards.has(own)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address, family } of addresses ?? []) names.add(family === "IPv6" ? `[${address}]` : address)
    }
  } else if (own !== undefined) names.add(own)
  for (const given of extra) {
    const name = hostName(given)
    if (name === undefined) throw new Error(`--${allowHostFlag} "${given}": expected ${expectedHostName}`)
    names.add(name)
  }
  return names
}

/** The host name a `Host` header value names: the port dropped, lower case. */
const nameOfHostHeader = (header: string): string => {
  const end = header.startsWith("[") ? header.indexOf("]") + 1 : header.indexOf(":")
  return (end <= 0 ? header : header.slice(0, end)).toLowerCase()
}

/**
 * The refusal (421) for an admin request whose `Host` names none of `allowed`; `undefined` when
 * the request may go on. A request with no `Host` at all (HTTP/1.0) comes from no browser, and passes.
 */
export const hostRefusal = (
  allowed: ReadonlySet<string>,
  header: string | undefined,
  redact: (text: string) => string,
): MockResponse | undefined => {
  if (header === undefined) return undefined
  const name = nameOfHostHeader(header)
  if (allowed.has(name)) return undefined
  // The allowed names are not listed: a rebinding page reads this answer, and need not learn them.
  return adminError(
    421,
    `the admin API (${adminPrefix}) answers only to this mock's own address, ${loopbackHosts.join(", ")} ` +
      `and names given with --${allowHostFlag}; Host "${redact(header)}" is none of them (a web page's DNS rebinding ` +
      `looks like this). To reach it by that name, start the mock with --${allowHostFlag} ${redact(name)} ` +
      `(ServeOptions.allowHosts)`,
  )
}

/**
 * The warning printed when the mock listens where other machines can reach it, or `undefined` on a
 * loopback address.
 */
export const exposureWarning = (host: string, protectedByToken: boolean): string | undefined =>
  isLoopback(host) ? undefined : [
    `warning: --host ${host} is not a loopback address: other machines can reach this mock.`,
    `  Its admin API (${adminPrefix}) shows the journal (signs, report links) and changes faults and the clock;`,
    protectedByToken
      ? `  it requires Authorization: Bearer <the --${adminTokenFlag}>.`
      : `  anyone who reaches it can use it: give --${adminTokenFlag} to require a Bearer token.`,
    `  Admin requests must name this mock's address, localhost or a --${allowHostFlag} name in their Host.`,
  ].join("\n")
