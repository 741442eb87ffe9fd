/**
 * Page 001 — peak concurrent viewers (CCV) across several users ("yunduo" summary). Accepts GET
 * and POST (form). The page's success example is not valid JSON; the seeds README decides `data`
 * is an array of `{statAt, peakCCV, pullType}`, and the field table's `startAt` is accepted too.
 *
 * @module
 */
import { Effect, Schema, SchemaGetter, SchemaIssue } from "effect"
import { commonErrorCodes, type Endpoint } from "./Endpoint.js"
import { ChinaDate, CommaList, CountFromText, Millis, UserIdParam } from "./WireTypes.js"

/** The wire form of one entry: `statAt`, or the field table's spelling `startAt`. */
const WirePeak = Schema.Struct({
  statAt: Schema.optionalKey(Millis).annotateKey({ description: "When the peak happened, ms timestamp" }),
  startAt: Schema.optionalKey(Millis).annotateKey({ description: "The field table's spelling of `statAt`" }),
  peakCCV: CountFromText.annotateKey({ description: "Peak concurrent viewers, a string of digits" }),
  pullType: Schema.String.annotateKey({ description: "The pull type counted, e.g. `\"cdn\"`" }),
})

/** One pull type's peak: when it happened (`statAt`, ms) and how many viewers. */
export const Peak = WirePeak.pipe(
  Schema.decodeTo(
    Schema.Struct({
      statAt: Millis.annotateKey({ description: "When the peak happened, ms timestamp" }),
      peakCCV: Schema.Number.annotateKey({
        description: "Peak concurrent viewers; Polyv sends a string of digits, the client gives a number",
      }),
      pullType: Schema.String.annotateKey({ description: "The pull type counted, e.g. `\"cdn\"`" }),
    }),
    {
      decode: SchemaGetter.transformEffect((w: typeof WirePeak.Type) => {
        const statAt = w.statAt ?? w.startAt
        return statAt === undefined
          ? Effect.fail(new SchemaIssue.InvalidValue({ message: "Expected statAt (or startAt)" }, w))
          : Effect.succeed({ statAt, peakCCV: w.peakCCV, pullType: w.pullType })
      }),
      encode: SchemaGetter.transform((p: { statAt: number; peakCCV: number; pullType: string }) => p),
    },
  ),
)
export type Peak = typeof Peak.Type

export const yunduoSummary = {
  name: "yunduoSummary",
  title: { zh: "获取云朵多用户的直播并发汇总数据接口", en: "Peak concurrent viewers across users" },
  seed: "001_774a0b84571a052f.txt",
  path: "/live/internal/v3/user/concurrent/yunduo/summary",
  methods: ["GET", "POST"],
  envelope: "v3",
  params: Schema.Struct({
    users: CommaList(UserIdParam).annotateKey({ description: "The users whose channels count; not empty" }),
    start: ChinaDate.annotateKey({ description: "First day of the range, included" }),
    end: ChinaDate.annotateKey({ description: "Last day of the range, included; not before `start`" }),
  }),
  data: Schema.Array(Peak),
  errorCodes: { ...commonErrorCodes, InvalidSignature: 403, IllegalChannelId: 403 },
} as const satisfies Endpoint
