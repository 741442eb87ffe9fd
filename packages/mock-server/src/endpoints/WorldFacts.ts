/**
 * What a request assumes the world holds, per endpoint, for the strict option (`strict: true`,
 * `--strict`): a channel, a session, a user it names. A request that names one the world does not
 * have, and that no stub answered, is unexpected: the test set up less than its code asks for.
 * Polyv's own answer to it (`illegal channel id`, a report never ready, a user adding nothing)
 * would be quiet; strict makes it loud.
 *
 * A table mapped over the contract, as the handler table is: a sixth endpoint does not compile
 * until it says what its requests assume.
 *
 * @module
 */
import type { Contract } from "@polyv-stats/core"
import type { World } from "../world/World.js"

/** Why the world does not explain a request (what it names that the world lacks), or `undefined`. */
export type Unexplained<E extends Contract.AnyEndpoint> = (params: Contract.ParamsOf<E>, world: World) =>
  | string
  | undefined

export type WorldFacts = { readonly [K in Contract.EndpointName]: Unexplained<Contract.EndpointsByName[K]> }

const noChannel = (channelId: string) => `channel ${channelId} is not in the world`

export const unexplained: WorldFacts = {
  exportReport: ({ channelId, sessionId }, world) => {
    const channel = world.channel(channelId)
    if (channel === undefined) return noChannel(channelId)
    return world.session(channel, sessionId) === undefined
      ? `session ${sessionId} is not in the world's channel ${channelId}`
      : undefined
  },
  yunduoSummary: ({ users }, world) => {
    const missing = users.filter((user) => !world.users.includes(user as (typeof world.users)[number]))
    return missing.length > 0
      ? `user${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not in the world`
      : undefined
  },
  liveDurations: ({ channelIds }, world) => {
    const missing = channelIds.filter((id) => world.channel(id) === undefined)
    return missing.length > 0
      ? `channel${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not in the world`
      : undefined
  },
  // The account's own figures: every range has an answer.
  micHistory: () => undefined,
  sessionList: ({ channelId }, world) => (world.channel(channelId) === undefined ? noChannel(channelId) : undefined),
}
