/**
 * Page 000. See {@link ReportBook} for when a report becomes ready. The URL points at the mock
 * itself (see `reports/ReportLinks.ts`) and carries its expiry, 60 days of mock time.
 *
 * @module
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import * as ReportLinks from "../reports/ReportLinks.js"
import type { Handler } from "./EndpointContext.js"

const { exportReport } = Contract

export const handleExportReport: Handler<typeof exportReport> = (params, { world, options, reports }, now) => {
  const channel = world.channel(params.channelId)
  if (!channel) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", params.channelId))
  const session = world.session(channel, params.sessionId)
  const ended = session !== undefined && session.endTime !== null && session.endTime <= now
  if (
    !ended || !reports.poll(channel.channelId, params.sessionId, now, world.reportTiming(channel, params.sessionId))
  ) {
    return failure("ReportNotReady", ApiFailures.messageOf("ReportNotReady"))
  }
  return data(
    ReportLinks.make(
      { publicUrl: options.publicUrl, key: options.appSecret },
      channel.channelId,
      params.sessionId,
      now,
    ),
  )
}
