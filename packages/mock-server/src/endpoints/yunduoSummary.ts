/**
 * Page 001. One entry per pull type for the whole range: the highest concurrent viewer count of
 * any session of the listed users whose peak falls within the days `start`..`end` (China time,
 * both included). Users the account does not have add nothing; none known gives `[]`.
 *
 * @module
 */
import { ApiFailures, ChinaTime, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import { highestPeak } from "../world/ChannelFigures.js"
import type { Handler } from "./EndpointContext.js"

const { yunduoSummary } = Contract

/** The only pull type the mock reports. */
export const pullType = "cdn"

export const handleYunduoSummary: Handler<typeof yunduoSummary> = (params, { world }) => {
  const from = ChinaTime.parseDate(params.start)!
  const to = ChinaTime.parseDate(params.end)! + ChinaTime.dayMillis
  if (from >= to) return failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))
  const users = new Set(params.users)
  let best: { readonly peakAt: number; readonly peakViewers: number } | undefined
  for (const channel of world.channels) {
    if (!users.has(channel.userId)) continue
    const peak = highestPeak(world.figures(channel), from, to)
    if (peak !== undefined && (best === undefined || peak.peakViewers > best.peakViewers)) best = peak
  }
  return data(best === undefined ? [] : [{ statAt: best.peakAt, peakCCV: best.peakViewers, pullType }])
}
