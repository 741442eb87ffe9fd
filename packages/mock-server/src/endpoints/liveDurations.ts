/**
 * Page 002. A channel's duration is the sum, in whole seconds, of its ended sessions; the first
 * channel the account does not have is reported as illegal.
 *
 * @module
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import type { Handler } from "./EndpointContext.js"

const { liveDurations } = Contract

export const handleLiveDurations: Handler<typeof liveDurations> = (params, { world }, now) => {
  const unknown = params.channelIds.find((id) => world.channel(id) === undefined)
  if (unknown !== undefined) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", unknown))
  return data(params.channelIds.map((channelId) => {
    const h = world.history(world.channel(channelId)!)
    let duration = 0
    for (let i = 0; i < h.length; i++) {
      const end = h.endTime[i]!
      // NaN (still live) fails the comparison, as `null` did.
      if (end <= now) duration += Math.round((end - h.startTime[i]!) / 1000)
    }
    return { duration, channelId }
  }))
}
