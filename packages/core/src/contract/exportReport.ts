/**
 * Page 000 — export one session's report (an xlsx with charts). `data` is a download URL (http or
 * https) valid for 60 days; until the report is generated the endpoint answers "Report is not ready
 * yet…".
 *
 * @module
 */
import { Schema } from "effect"
import { commonErrorCodes, type Endpoint } from "./Endpoint.js"
import * as WebUrl from "./WebUrl.js"
import { ChannelIdParam, SessionIdParam } from "./WireTypes.js"

/** How long a report URL stays valid. */
export const reportUrlValidDays = 60

const dataDescription = `The xlsx report's download URL (http or https), valid for ${reportUrlValidDays} days`

export const exportReport = {
  name: "exportReport",
  title: { zh: "导出频道场次报表(图表)", en: "Export a session's report" },
  seed: "000_ea3fc30bf3094a76.txt",
  path: "/live/v3/channel/session/stats/export",
  methods: ["GET"],
  envelope: "v3",
  params: Schema.Struct({
    channelId: ChannelIdParam.annotateKey({ description: "The channel" }),
    sessionId: SessionIdParam.annotateKey({ description: "The session whose report to export" }),
  }),
  // An http(s) URL: anything else (`data:`, `file:`) is refused as not matching the contract, so
  // nothing ever fetches it. Described before the check (the JSON Schema keeps that) and after it
  // (what the docs read).
  data: Schema.String.annotate({ description: dataDescription }).pipe(
    Schema.check(WebUrl.check),
    Schema.annotate({ description: dataDescription }),
  ),
  errorCodes: { ...commonErrorCodes, IllegalChannelId: 400, ReportNotReady: 400 },
} as const satisfies Endpoint
