/**
 * Serves a report URL: the session's `.xlsx` (see {@link ReportWorkbook}), or, like a storage
 * bucket does, a plain error — 403 for a URL the mock did not issue (missing or wrong token),
 * 404 for a session the world does not have (or one still live, which has no report yet), 410
 * once the URL expired. Errors are the admin API's JSON `{ "error": … }`.
 *
 * @module
 */
import { adminError } from "../admin/AdminResponses.js"
import type { MockResponse } from "../protocol/MockRequest.js"
import type { World } from "../world/World.js"
import type { ReportFiles } from "./ReportFiles.js"
import * as ReportLinks from "./ReportLinks.js"
import * as ReportWorkbook from "./ReportWorkbook.js"

export interface DownloadContext {
  readonly world: World
  readonly key: string
  readonly now: number
  /** Where built files are kept. */
  readonly files: ReportFiles
  /** Cuts the secret out of request text quoted back. */
  readonly redact: (text: string) => string
}

export const serveReport = async (
  path: string,
  params: ReadonlyMap<string, string>,
  { world, key, now, files, redact }: DownloadContext,
): Promise<MockResponse> => {
  const target = ReportLinks.parsePath(path)
  if (!target) {
    return adminError(
      404,
      `no report at ${redact(path)}; report URLs look like ${
        ReportLinks.reportPath("<channelId>", "<sessionId>")
      }?expires=…&token=…`,
    )
  }
  const expires = Number(params.get("expires"))
  const given = params.get("token") ?? ""
  if (!Number.isSafeInteger(expires) || given !== ReportLinks.token(key, path, expires)) {
    return adminError(403, "this report URL was not issued by the mock (missing or wrong expires/token)")
  }
  const channel = world.channel(target.channelId)
  const session = channel && world.session(channel, target.sessionId)
  if (!session || session.endTime === null || session.endTime > now) {
    return adminError(404, redact(`no report for session ${target.sessionId} of channel ${target.channelId}`))
  }
  if (now > expires) {
    return adminError(
      410,
      `this report URL expired at ${new Date(expires).toISOString()}; export the session again for a new one`,
    )
  }
  const body = await files.bytes(session)
  return {
    status: 200,
    headers: {
      "content-type": ReportWorkbook.xlsxContentType,
      "content-disposition": `attachment; filename="${target.channelId}-${target.sessionId}.xlsx"`,
      // Lets a client show download progress as a share of the whole.
      "content-length": String(body.byteLength),
    },
    body,
  }
}
