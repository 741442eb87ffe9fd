/**
 * The download URLs the export endpoint hands out. A URL names the session, carries its expiry
 * (60 days of mock time after it was issued, as Polyv's are) and a token over both, so a URL
 * cannot be made up for another session or have its expiry pushed back by editing it.
 *
 * @example
 * ```ts
 * import { ReportLinks } from "@polyv-stats/mock-server"
 *
 * const url = ReportLinks.make({ publicUrl: "http://127.0.0.1:8080", key: "k" }, "2272655", "fv3ldt4dhn", Date.now())
 * // http://127.0.0.1:8080/__mock/reports/2272655/fv3ldt4dhn.xlsx?expires=…&token=…
 * ```
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { createHash } from "node:crypto"
import { reportsPrefix } from "../admin/AdminPrefix.js"
import { millis } from "../world/World.js"

/** How long a report URL stays valid (the export page: 60 days). */
export const validDays = Contract.reportUrlValidDays

/** The folder under which the mock serves report files. */
export { reportsPrefix }

const { channelIdPattern, sessionIdPattern } = Contract.WireTypes

const fileSuffix = ".xlsx"

/** The path of a session's report file: `<channelId>/<sessionId>.xlsx` under {@link reportsPrefix}. */
export const reportPath = (channelId: string, sessionId: string) =>
  `${reportsPrefix}${channelId}/${sessionId}${fileSuffix}`

/** Reads a report path back into its channel and session (each of the contract's form), or `undefined`. */
export const parsePath = (path: string): { channelId: string; sessionId: string } | undefined => {
  if (!path.startsWith(reportsPrefix) || !path.endsWith(fileSuffix)) return undefined
  const name = path.slice(reportsPrefix.length, -fileSuffix.length)
  const slash = name.indexOf("/")
  const channelId = name.slice(0, slash)
  const sessionId = name.slice(slash + 1)
  return slash >= 0 && channelIdPattern.test(channelId) && sessionIdPattern.test(sessionId)
    ? { channelId, sessionId }
    : undefined
}

export interface LinkSettings {
  /** Where clients reach the mock. */
  readonly publicUrl: string
  /** The token's key: the app secret, so only the mock can issue a URL. */
  readonly key: string
}

/** The token binding a path to its expiry. */
export const token = (key: string, path: string, expires: number): string =>
  createHash("sha256").update(`${key}\n${path}\n${expires}`, "utf8").digest("hex").slice(0, 32)

/** A URL for a session's report, issued at `now`. */
export const make = (settings: LinkSettings, channelId: string, sessionId: string, now: number): string => {
  const path = reportPath(channelId, sessionId)
  const expires = now + validDays * millis.day
  return `${settings.publicUrl}${path}?expires=${expires}&token=${token(settings.key, path, expires)}`
}
