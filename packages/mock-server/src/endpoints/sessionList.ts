/**
 * Page 004. The window: both dates given, at most 60 days apart; one given, the other 60 days
 * away (capped at now); none, the 60 days ending now. A session belongs to the window when its
 * start second lies within it, both ends included — a bare `endDate` date means that day's
 * 00:00:00, which leaves the rest of that day out, as the page says.
 *
 * @module
 */
import { ApiFailures, Contract, SessionWindows } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import { endTimeAt, type History, sessionIdAt } from "../world/History.js"
import type { Handler } from "./EndpointContext.js"
import { paginateIndexes } from "./Paging.js"

const { sessionList } = Contract
const { maxSpan: span } = SessionWindows
const seconds = (ms: number) => Math.floor(ms / 1000)

export const handleSessionList: Handler<typeof sessionList> = (params, { world }, now) => {
  const channel = world.channel(params.channelId)
  if (!channel) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", params.channelId))

  const start = params.startDate?.getTime()
  const end = params.endDate?.getTime()
  const to = end ?? (start === undefined ? now : Math.max(start, Math.min(start + span, now)))
  const from = start ?? to - span
  if (from > to || to - from > span) return failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))

  // Sessions are newest first with strictly decreasing starts: the window is one run of them,
  // found by binary search (a channel may hold 100 000 sessions; a stream reads it page by page).
  const h = world.history(channel)
  const first = firstAtOrBefore(h.startTime, seconds(to))
  // Whole seconds: "before `from`'s second" is "at or before the second before it".
  const past = firstAtOrBefore(h.startTime, seconds(from) - 1)
  return data(paginateIndexes(
    first,
    Math.max(first, past),
    params.page ?? Contract.defaultPage,
    params.pageSize ?? Contract.defaultPageSize,
    (i) => listedAt(h, i),
  ))
}

/**
 * Session `i` as the list shows it: Polyv's example has `customId: null`, and the mock keeps none.
 * One literal, not a spread of shared fields plus `customId` (`{ ...fields, customId: null }`): a
 * stream makes one per session, and on Node 20 the spread raised the 100 000-session stream's peak
 * RSS from ~133 MB to 141–148 MB (bench/README.md's fifth pass traced it to a hidden class per copy).
 */
const listedAt = (h: History, i: number): Contract.Session => ({
  sessionId: sessionIdAt(h, i),
  channelId: h.channel.channelId,
  userId: h.channel.userId,
  startTime: h.startTime[i]!,
  endTime: endTimeAt(h, i),
  customId: null,
})

/**
 * The first index of decreasing instants (ms) whose whole second is at or before `second`; else the
 * length.
 */
const firstAtOrBefore = (instants: Float64Array, second: number): number => {
  let lo = 0
  let hi = instants.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (seconds(instants[mid]!) <= second) hi = mid
    else lo = mid + 1
  }
  return lo
}
