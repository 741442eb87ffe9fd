/**
 * What stands between a request and an admin route (never a report link, which carries its own
 * token, nor the five endpoints, which check signatures), in this order:
 *
 * 1. `Origin`: a browser names the page a request comes from. A request whose `Origin` is not the
 *    mock's own (`http(s)://` + its `Host`) comes from another site's page: refused, 403 (CSRF).
 * 2. The admin token, when one is set (`adminToken`, `--admin-token`):
 *    `Authorization: Bearer <token>`, compared in constant time; otherwise 401. Only the token's
 *    digest is kept.
 * 3. A write (POST) must say `Content-Type: application/json`, else 415: a page can post
 *    `text/plain` or a form anywhere without asking, but JSON only after a CORS preflight, which
 *    the mock never grants.
 *
 * The `Host` check (DNS rebinding) happens where there is a socket: see {@link Exposure}.
 *
 * @example
 * ```ts
 * import { AdminGate } from "@polyv-stats/mock-server"
 *
 * const gate = new AdminGate.AdminGate("a-long-random-token")
 * gate.refusal({ method: "GET", path: "/__mock/journal", params: new Map(), headers: {} })?.status // 401
 * ```
 * @module
 */
import { Option, Result } from "effect"
import { createHash, timingSafeEqual } from "node:crypto"
import type { MockRequest, MockResponse } from "../protocol/MockRequest.js"
import { adminError } from "./AdminResponses.js"

/** The flag (and `adminToken`, the option) that makes the admin API require a Bearer token. */
export const adminTokenFlag = "admin-token"

/** The environment variable the flag falls back to (a flag shows up in `ps`; the environment does not). */
export const adminTokenEnv = "POLYV_MOCK_ADMIN_TOKEN"

/** What a token must look like: what a Bearer header can carry (visible ASCII, no spaces). */
const tokenShape = /^[\x21-\x7e]{1,1024}$/

/** Whether a text can be an admin token. */
export const isAdminToken = (text: string): boolean => tokenShape.test(text)

/** What an admin token must look like, for messages (which never quote the token). */
export const expectedAdminToken = "1 to 1024 visible ASCII characters, no spaces"

/**
 * The token {@link adminTokenEnv} holds: `None` when it is unset; when it is set but is not a token
 * (empty or blank included: taking those for "unset" would turn the token off unnoticed), the
 * reason, naming the variable and never quoting its value.
 */
export const adminTokenFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
): Result.Result<Option.Option<string>, string> => {
  const value = env[adminTokenEnv]
  if (value === undefined) return Result.succeed(Option.none())
  if (isAdminToken(value)) return Result.succeed(Option.some(value))
  const what = value.trim() === "" ? (value === "" ? "empty" : "blank") : "not a token"
  return Result.fail(
    `${adminTokenEnv} is set but ${what}: it must be ${expectedAdminToken} (unset it to run without a token)`,
  )
}

/** The media type admin writes must declare. */
export const jsonMediaType = "application/json"

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest()

export class AdminGate {
  /** The token's SHA-256: fixed length, so the comparison takes the same time for any guess. */
  private readonly token: Buffer | undefined

  /** Throws when a token is given that a Bearer header could not carry (never quoting it). */
  constructor(token?: string | undefined) {
    if (token !== undefined && !isAdminToken(token)) {
      throw new Error(`the --${adminTokenFlag} must be ${expectedAdminToken}`)
    }
    this.token = token === undefined ? undefined : digest(token)
  }

  /** Whether the admin API asks for a token. */
  get requiresToken(): boolean {
    return this.token !== undefined
  }

  /**
   * The refusal for a request to an admin route (a foreign `Origin`, a missing or wrong token, a
   * write that is not JSON), or `undefined` when it may go on. `redact` cuts the secret out of
   * what is quoted back.
   */
  refusal(request: MockRequest, redact: (text: string) => string = String): MockResponse | undefined {
    const headers = request.headers ?? {}
    const origin = headers.origin
    if (origin !== undefined && !isOwnOrigin(origin, headers.host)) {
      return adminError(
        403,
        `Origin "${redact(origin)}" is not this mock's own: the admin API does not answer other sites' pages. ` +
          `Scripts and tools send no Origin`,
      )
    }
    if (this.token !== undefined && !this.bearerMatches(headers.authorization)) {
      const refused = adminError(
        401,
        `the admin API needs Authorization: Bearer <the --${adminTokenFlag} it was given>`,
      )
      return { ...refused, headers: { ...refused.headers, "www-authenticate": `Bearer realm="polyv-mock admin API"` } }
    }
    if (request.method === "POST" && !isJson(headers["content-type"])) {
      const got = headers["content-type"] === undefined ? "none" : `"${redact(headers["content-type"])}"`
      return adminError(
        415,
        `admin writes need Content-Type: ${jsonMediaType} (got ${got}); send e.g. ` +
          `curl -X POST -H 'content-type: ${jsonMediaType}' -d '{}' …`,
      )
    }
    return undefined
  }

  private bearerMatches(authorization: string | undefined): boolean {
    const match = authorization === undefined ? null : /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)
    return match !== null && timingSafeEqual(digest(match[1]!), this.token!)
  }
}

/** Whether `origin` is the origin of a page served by the mock under the name `host`. */
const isOwnOrigin = (origin: string, host: string | undefined): boolean => {
  if (host === undefined) return false
  const given = origin.toLowerCase()
  const own = host.toLowerCase()
  return given === `http://${own}` || given === `https://${own}`
}

/** Whether a `Content-Type` names JSON (parameters such as `charset` allowed). */
const isJson = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false
  const semicolon = contentType.indexOf(";")
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === jsonMediaType
}
