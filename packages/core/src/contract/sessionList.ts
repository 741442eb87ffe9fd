/**
 * Page 004 — the sessions (场次) of one channel, newest first, paged.
 *
 * @module
 */
import { Schema } from "effect"
import { commonErrorCodes, type Endpoint } from "./Endpoint.js"
import { ChannelId, ChannelIdParam, ChinaDateTime, Millis, PositiveIntParam } from "./WireTypes.js"

/** One live session. `endTime` is `null` while the session is still live. */
export const Session = Schema.Struct({
  sessionId: Schema.String,
  channelId: ChannelId,
  userId: Schema.String,
  startTime: Millis,
  endTime: Schema.NullOr(Millis),
  customId: Schema.optionalKey(Schema.NullOr(Schema.String)),
})
export type Session = typeof Session.Type

/** The page object, with its 13 fields exactly as the seed example names them. */
export const SessionPage = Schema.Struct({
  pageSize: Schema.Int,
  pageNumber: Schema.Int,
  totalItems: Schema.Int,
  contents: Schema.Array(Session),
  startRow: Schema.Int,
  firstPage: Schema.Boolean,
  lastPage: Schema.Boolean,
  prePageNumber: Schema.Int,
  nextPageNumber: Schema.Int,
  limit: Schema.Int,
  totalPages: Schema.Int,
  endRow: Schema.Int,
  offset: Schema.Int,
})
export type SessionPage = typeof SessionPage.Type

/** The longest span `startDate`..`endDate` the endpoint accepts. */
export const maxSpanDays = 60

/** Defaults the page states for `page` and `pageSize`. */
export const defaultPage = 1
export const defaultPageSize = 20

export const sessionList = {
  name: "sessionList",
  title: { zh: "查询频道场次信息", en: "List a channel's sessions" },
  seed: "004_27f204896108e1d1.txt",
  path: "/live/v3/channel/session/data/list",
  methods: ["GET"],
  envelope: "v3",
  params: Schema.Struct({
    channelId: ChannelIdParam,
    /** `yyyy-MM-dd HH:mm:ss` China time; a bare date means its midnight. */
    startDate: Schema.optionalKey(ChinaDateTime),
    endDate: Schema.optionalKey(ChinaDateTime),
    page: Schema.optionalKey(PositiveIntParam),
    pageSize: Schema.optionalKey(PositiveIntParam),
  }),
  data: SessionPage,
  errorCodes: { ...commonErrorCodes, IllegalChannelId: 400 },
} as const satisfies Endpoint
