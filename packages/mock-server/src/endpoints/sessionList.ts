/**
 * Page 004. The window: both dates given, at most 60 days apart; one given, the other 60 days
 * away (capped at now); none, the 60 days ending now. A session belongs to the window when its
 * start second lies within it, both ends included — a bare `endDate` date means that day's
 * 00:00:00, which leaves the rest of that day out, as the page says.
 *
 * @module
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import { millis, type WorldSession } from "../world/World.js"
import type { Handler } from "./EndpointContext.js"
import { paginateRange } from "./Paging.js"

const { sessionList } = Contract
const span = 60 * millis.day
const seconds = (ms: number) => Math.floor(ms / 1000)

export const handleSessionList: Handler<typeof sessionList> = (params, { world, now }) => {
  const channel = world.channel(params.channelId)
  if (!channel) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", params.channelId))

  const start = params.startDate?.getTime()
  const end = params.endDate?.getTime()
  const to = end ?? (start === undefined ? now : Math.max(start, Math.min(start + span, now)))
  const from = start ?? to - span
  if (from > to || to - from > span) return failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))

  // Sessions are newest first with strictly decreasing starts: the window is one run of them,
  // found by binary search (a channel may hold 100 000 sessions; a stream reads it page by page).
  const sessions = world.sessions(channel)
  const first = firstIndex(sessions, (s) => seconds(s.startTime) <= seconds(to))
  const past = firstIndex(sessions, (s) => seconds(s.startTime) < seconds(from))
  const page = paginateRange(sessions, first, Math.max(first, past), params.page ?? 1, params.pageSize ?? 20)
  return data({ ...page, contents: page.contents.map(listed) })
}

/** The first index where `past` holds, in an array where it holds from some index on; else the length. */
const firstIndex = <A>(items: ReadonlyArray<A>, past: (item: A) => boolean): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (past(items[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * A world session as the list shows it. Made once per session (the world's sessions are immutable
 * and cached), so the mock can also encode it once (see `PolyvMock`'s encoders).
 */
const shown = new WeakMap<WorldSession, Contract.Session>()
const listed = (s: WorldSession): Contract.Session => {
  let session = shown.get(s)
  if (session === undefined) {
    session = {
      sessionId: s.sessionId,
      channelId: s.channelId,
      userId: s.userId,
      startTime: s.startTime,
      endTime: s.endTime,
      customId: null,
    }
    shown.set(s, session)
  }
  return session
}
