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
import { millis } from "../world/World.js"
import type { Handler } from "./EndpointContext.js"
import { paginate } from "./Paging.js"

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

  const inWindow = world.sessions(channel).filter((s) =>
    seconds(s.startTime) >= seconds(from) && seconds(s.startTime) <= seconds(to)
  )
  const page = paginate(inWindow, params.page ?? 1, params.pageSize ?? 20)
  return data({
    ...page,
    contents: page.contents.map((s) => ({
      sessionId: s.sessionId,
      channelId: s.channelId,
      userId: s.userId,
      startTime: s.startTime,
      endTime: s.endTime,
      customId: null,
    })),
  })
}
