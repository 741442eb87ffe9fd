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

export const handleLiveDurations: Handler<typeof liveDurations> = (params, { world, durations }, now) => {
  const unknown = params.channelIds.find((id) => world.channel(id) === undefined)
  if (unknown !== undefined) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", unknown))
  return data(params.channelIds.map((channelId) => ({
    duration: durations.seconds(world.history(world.channel(channelId)!), now),
    channelId,
  })))
}
