/**
 * Page 003 — co-host (连麦) minutes the account used in a date range (v4 envelope). Only the date
 * part of `startTime`/`endTime` counts, and data lags two days (aggregated at 02:00 the day after
 * tomorrow).
 *
 * @module
 */
import { Schema } from "effect"
import * as ChinaTime from "../time/ChinaTime.js"
import { commonErrorCodes, type Endpoint } from "./Endpoint.js"
import { MillisParam } from "./WireTypes.js"

/** The account's co-host usage. */
export const MicHistory = Schema.Struct({
  userId: Schema.String.annotateKey({ description: "The account's main user" }),
  /** Minutes. */
  history: Schema.Number.annotateKey({ description: "Co-host minutes used in the range" }),
})
export type MicHistory = typeof MicHistory.Type

/** Days before usage becomes queryable. */
export const aggregationLagDays = 2

/** The China-time hour at which a day's usage is aggregated, `aggregationLagDays` days later. */
export const aggregationHour = 2

/** The instant the usage of the China day starting at `dayStart` becomes queryable. */
export const aggregatedAt = (dayStart: number): number =>
  dayStart + aggregationLagDays * ChinaTime.dayMillis + aggregationHour * 60 * 60 * 1000

/** The first China day (its start) whose usage is not aggregated yet at `now`. */
export const firstPendingDay = (now: number): number =>
  ChinaTime.startOfDay(now - aggregatedAt(0)) + ChinaTime.dayMillis

export const micHistory = {
  name: "micHistory",
  title: { zh: "查询账号时间范围连麦使用量", en: "Co-host minutes in a date range" },
  seed: "003_5513c642078beeab.txt",
  path: "/live/v4/statistics/mic/history/get",
  methods: ["GET"],
  envelope: "v4",
  params: Schema.Struct({
    startTime: Schema.optionalKey(MillisParam).annotateKey({
      description: "Start of the range; only its China date counts",
    }),
    endTime: Schema.optionalKey(MillisParam).annotateKey({
      description: "End of the range; only its China date counts",
    }),
  }),
  data: MicHistory,
  errorCodes: { ...commonErrorCodes },
} as const satisfies Endpoint
