/**
 * Page 003. Minutes are counted per China day of the session start; only days already aggregated
 * count (day D is aggregated at 02:00 on D+2). Defaults: `endTime` now, `startTime` 30 days
 * before `endTime`; only the date part of either matters.
 *
 * @module
 */
import { ApiFailures, ChinaTime, Contract } from "@polyv-stats/core"
import { data, failure } from "../protocol/Outcome.js"
import { micMinutes } from "../world/ChannelFigures.js"
import { millis } from "../world/World.js"
import type { Handler } from "./EndpointContext.js"

const { micHistory } = Contract

/** The default range when `startTime` is absent. */
export const defaultRangeDays = 30

export const handleMicHistory: Handler<typeof micHistory> = (params, { world }, now) => {
  const endDay = ChinaTime.startOfDay(params.endTime?.getTime() ?? now)
  const startDay = ChinaTime.startOfDay(params.startTime?.getTime() ?? endDay - defaultRangeDays * millis.day)
  if (startDay > endDay) return failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))
  // The last day aggregated by `now` is the one before the first pending day (core's contract states the rule).
  const toDay = Math.min(endDay, Contract.firstPendingDay(now) - ChinaTime.dayMillis)
  let history = 0
  for (const channel of world.channels) history += micMinutes(world.figures(channel), startDay, toDay)
  return data({ userId: world.mainUser, history })
}
