/**
 * Page 000. See {@link ReportBook} for when a report becomes ready. The URL points at the mock
 * itself and carries its expiry (60 days of mock time).
 *
 * @module
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import { millis } from "../world/World.js"
import type { Handler } from "./EndpointContext.js"

const { exportReport } = Contract

/** The path under which the mock serves report files. */
export const reportPath = (channelId: string, sessionId: string) => `/__mock/reports/${channelId}/${sessionId}.xlsx`

export const handleExportReport: Handler<typeof exportReport> = (params, { world, now, options, reports }) => {
  const channel = world.channel(params.channelId)
  if (!channel) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", params.channelId))
  const session = world.session(channel, params.sessionId)
  const ended = session !== undefined && session.endTime !== null && session.endTime <= now
  if (!ended || !reports.poll(channel.channelId, params.sessionId)) {
    return failure("ReportNotReady", ApiFailures.messageOf("ReportNotReady"))
  }
  const expires = now + 60 * millis.day
  return data(`${options.publicUrl}${reportPath(channel.channelId, params.sessionId)}?expires=${expires}`)
}
