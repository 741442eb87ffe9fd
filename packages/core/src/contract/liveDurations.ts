/**
 * Page 002 — total live seconds per channel, many channels per call.
 *
 * @module
 */
import { Schema } from "effect"
import { commonErrorCodes, type Endpoint } from "./Endpoint.js"
import { ChannelId, ChannelIdParam, CommaList } from "./WireTypes.js"

/** One channel's all-time live duration, in seconds. */
export const LiveDuration = Schema.Struct({
  duration: Schema.Number.annotateKey({ description: "Live seconds of ended sessions, all time" }),
  channelId: ChannelId.annotateKey({ description: "The channel; Polyv sends a number, the client gives a string" }),
})
export type LiveDuration = typeof LiveDuration.Type

export const liveDurations = {
  name: "liveDurations",
  title: { zh: "查询频道直播时长", en: "Live durations of channels" },
  seed: "002_475c1a9d48c6033a.txt",
  path: "/live/v3/channel/statistics/get-live-durations",
  methods: ["GET"],
  envelope: "v3",
  params: Schema.Struct({
    channelIds: CommaList(ChannelIdParam).annotateKey({ description: "The channels to ask about; not empty" }),
  }),
  data: Schema.Array(LiveDuration),
  errorCodes: { ...commonErrorCodes, InvalidSignature: 403, IllegalChannelId: 400 },
} as const satisfies Endpoint
