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
  sessionId: Schema.String.annotateKey({ description: "The session's ID" }),
  channelId: ChannelId.annotateKey({
    description: "The channel; Polyv sends a number here, the client gives a string",
  }),
  userId: Schema.String.annotateKey({ description: "The user who owns the channel" }),
  startTime: Millis.annotateKey({ description: "When the session started, ms timestamp" }),
  endTime: Schema.NullOr(Millis).annotateKey({ description: "When it ended, ms timestamp; `null` while live" }),
  customId: Schema.optionalKey(Schema.NullOr(Schema.String)).annotateKey({
    description: "A custom ID; not documented by Polyv, `null` in its example",
  }),
})
export type Session = typeof Session.Type

/** The page object, with its 13 fields exactly as the seed example names them. */
export const SessionPage = Schema.Struct({
  pageSize: Schema.Int.annotateKey({ description: "Sessions per page, as asked" }),
  pageNumber: Schema.Int.annotateKey({ description: "This page's number, from 1" }),
  totalItems: Schema.Int.annotateKey({ description: "Sessions in the whole range" }),
  contents: Schema.Array(Session).annotateKey({ description: "The sessions on this page, newest first" }),
  startRow: Schema.Int.annotateKey({ description: "Position of this page's first session in the whole result" }),
  firstPage: Schema.Boolean.annotateKey({ description: "Whether this is the first page" }),
  lastPage: Schema.Boolean.annotateKey({ description: "Whether this is the last page" }),
  prePageNumber: Schema.Int.annotateKey({ description: "The previous page's number; 1 on the first page" }),
  nextPageNumber: Schema.Int.annotateKey({ description: "The next page's number; `pageNumber` on the last page" }),
  limit: Schema.Int.annotateKey({ description: "Sessions on this page" }),
  totalPages: Schema.Int.annotateKey({ description: "Number of pages" }),
  endRow: Schema.Int.annotateKey({ description: "Position of this page's last session in the whole result" }),
  offset: Schema.Int.annotateKey({ description: "Sessions before this page" }),
})
export type SessionPage = typeof SessionPage.Type

/** The longest span `startDate`..`endDate` the endpoint accepts. */
export const maxSpanDays = 60

/** Defaults the page states for `page` and `pageSize`. */
export const defaultPage = 1
export const defaultPageSize = 20

/**
 * The largest page we ask for when reading many pages (the CLI's `sessions --all` with no
 * `--page-size`): page 004 states no maximum for `pageSize`, and Polyv's paged v3 endpoints that do
 * state one allow at most 1000 per page. 50× fewer calls than the default for the same sessions, so
 * far fewer calls against the quota (`Pacing.polyvQuota`).
 */
export const bulkPageSize = 1000

export const sessionList = {
  name: "sessionList",
  title: { zh: "查询频道场次信息", en: "List a channel's sessions" },
  seed: "004_27f204896108e1d1.txt",
  path: "/live/v3/channel/session/data/list",
  methods: ["GET"],
  envelope: "v3",
  params: Schema.Struct({
    channelId: ChannelIdParam.annotateKey({ description: "The channel" }),
    /** `yyyy-MM-dd HH:mm:ss` China time; a bare date means its midnight. */
    startDate: Schema.optionalKey(ChinaDateTime).annotateKey({
      description: `Start of the range, which spans ${maxSpanDays} days at most`,
    }),
    endDate: Schema.optionalKey(ChinaDateTime).annotateKey({ description: "End of the range" }),
    page: Schema.optionalKey(PositiveIntParam).annotateKey({
      description: `The page to get, from 1 (default ${defaultPage})`,
    }),
    pageSize: Schema.optionalKey(PositiveIntParam).annotateKey({
      description: `Sessions per page (default ${defaultPageSize})`,
    }),
  }),
  data: SessionPage,
  errorCodes: { ...commonErrorCodes, IllegalChannelId: 400 },
} as const satisfies Endpoint
