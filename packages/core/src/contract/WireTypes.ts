/**
 * Schemas for the values Polyv puts on the wire. Each one's `Encoded` side is what travels
 * (query strings, JSON); its `Type` side is what the SDK hands to and receives from users.
 * Shared by every endpoint module so that a format is written down once.
 *
 * Each parameter format carries a `description` annotation on its `Encoded` side saying how the
 * value travels (the docs' "on the wire" column); what a field *means* is a key annotation
 * (`annotateKey`) on the field in its endpoint module.
 *
 * @module
 */
import { Effect, Schema, SchemaGetter, SchemaIssue } from "effect"
import * as ChinaTime from "../time/ChinaTime.js"

// The ID formats, as the seed pages show them (no page gives a length). Written once: the
// contract checks parameters with them, the CLI its flags, the mock its report paths.

/** A channel ID: digits (`2272655`; the seed README: a non-digit ID is a `param validate error`). */
export const channelIdPattern = /^\d+$/
/** A session ID: letters and digits (`g9lv2ghv2x`, page 004). */
export const sessionIdPattern = /^[0-9A-Za-z]+$/
/** A user ID: letters, digits, `_` and `-` (`1b448be323`, pages 003 and 004). */
export const userIdPattern = /^[0-9A-Za-z_-]+$/

/** What each ID looks like, in words: the refusals of the client, the mock and the CLI say it. */
export const idExpected = {
  channelId: "a channel ID made of digits",
  sessionId: "a session ID of letters and digits",
  userId: "a user ID of letters, digits, _ and -",
} as const

/** A channel ID as a request parameter: digits only, sent as they are. */
export const ChannelIdParam = Schema.String.pipe(
  Schema.check(Schema.isPattern(channelIdPattern, { expected: idExpected.channelId })),
  Schema.annotateEncoded({ description: "digits" }),
)

/** A session ID as a request parameter: letters and digits, sent as they are. */
export const SessionIdParam = Schema.String.pipe(
  Schema.check(Schema.isPattern(sessionIdPattern, { expected: idExpected.sessionId })),
  Schema.annotateEncoded({ description: "letters and digits" }),
)

/** A list of IDs, comma-joined on the wire (`"2477096,2272655"`). */
export const CommaList = <S extends Schema.Codec<string>>(item: S) =>
  Schema.String.pipe(
    Schema.decodeTo(Schema.Array(item), {
      decode: SchemaGetter.transform((s: string) => s.split(",").map((part) => part.trim())),
      encode: SchemaGetter.transform((items: ReadonlyArray<string>) => items.join(",")),
    }),
    Schema.check(Schema.isMinLength(1)),
    Schema.annotateEncoded({ description: "comma-joined list" }),
  )

/** A user ID as Polyv issues them (`1b448be323`). */
export const UserIdParam = Schema.String.pipe(
  Schema.check(Schema.isPattern(userIdPattern, { expected: idExpected.userId })),
  Schema.annotateEncoded({ description: "letters, digits, `_` and `-`" }),
)

const invalid = (expected: string) => (input: unknown) =>
  Effect.fail(new SchemaIssue.InvalidValue({ message: `Expected ${expected}` }, input))

/**
 * The instants a 13-digit millisecond timestamp can hold, the form page 003 asks for: from
 * 2001-09-09 09:46:40 to 2286-11-21 01:46:39 China time.
 */
export const millisParamRange = { min: 1_000_000_000_000, max: 9_999_999_999_999 } as const

/** The first China day that starts at or after `ms`. */
const firstDayFrom = (ms: number) => {
  const start = ChinaTime.startOfDay(ms)
  return start < ms ? start + ChinaTime.dayMillis : start
}

/**
 * The China days whose start {@link millisParamRange} can hold, as the instants they start at:
 * 2001-09-10 to 2286-11-21. Polyv's times are 13-digit millisecond timestamps (the request's
 * `timestamp`, every time in its data), so a day they cannot name is no day Polyv has data for.
 * The dates the client sends are kept to these days, whichever form an endpoint takes them in (a
 * `yyyy-MM-dd` day, or mic history's timestamp of the day's start: 2001-09-09 starts before the
 * first 13-digit instant, so it is out for every command alike). A range from year 0 would
 * otherwise be sent as given, or walked as 12 000 session-list windows.
 */
export const chinaDayRange = {
  min: firstDayFrom(millisParamRange.min),
  max: ChinaTime.startOfDay(millisParamRange.max),
} as const

const dayExpected = `a day from ${ChinaTime.formatDate(chinaDayRange.min)} to ${
  ChinaTime.formatDate(chinaDayRange.max)
} China time (the days a 13-digit millisecond timestamp can name)`

/** Whether the China day of the instant `ms` is one of {@link chinaDayRange}'s. */
const inDayRange = (ms: number) => {
  const day = ChinaTime.startOfDay(ms)
  return day >= chinaDayRange.min && day <= chinaDayRange.max
}

/**
 * A China calendar day, `yyyy-MM-dd`, kept as text (a day has no instant of its own). Encoding
 * refuses a day outside {@link chinaDayRange}, so it is never sent.
 */
export const ChinaDate = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => ChinaTime.parseDate(s) !== undefined, {
      expected: "a date formatted yyyy-MM-dd",
    }),
  ),
  Schema.decodeTo(Schema.String, {
    decode: SchemaGetter.passthrough(),
    encode: SchemaGetter.transformEffect((s: string) => {
      // A text that is no date at all is left to the format check, which says so.
      const day = ChinaTime.parseDate(s)
      return day === undefined || inDayRange(day) ? Effect.succeed(s) : invalid(dayExpected)(s)
    }),
  }),
  Schema.annotateEncoded({ description: "`yyyy-MM-dd`, China time" }),
)

/**
 * An instant sent as China time. Encodes to `yyyy-MM-dd HH:mm:ss`, refusing an instant whose day is
 * outside {@link chinaDayRange}; decodes that or a bare `yyyy-MM-dd` (midnight), as page 004
 * allows.
 */
export const ChinaDateTime = Schema.String.pipe(
  Schema.decodeTo(Schema.Date, {
    decode: SchemaGetter.transformEffect((s: string) => {
      const ms = ChinaTime.parse(s)
      return ms === undefined
        ? invalid("a date-time formatted yyyy-MM-dd HH:mm:ss or yyyy-MM-dd")(s)
        : Effect.succeed(new Date(ms))
    }),
    encode: SchemaGetter.transformEffect((d: Date) => {
      const ms = d.getTime()
      return inDayRange(ms) ? Effect.succeed(ChinaTime.formatDateTime(ms)) : invalid(dayExpected)(d)
    }),
  }),
  Schema.annotateEncoded({ description: "`yyyy-MM-dd HH:mm:ss`, China time" }),
)

const millisExpected = `a 13-digit millisecond timestamp: an instant from ${
  ChinaTime.formatDateTime(millisParamRange.min)
} to ${ChinaTime.formatDateTime(millisParamRange.max)} China time`

/** What a millisecond timestamp looks like on the wire: 13 digits (the client's and the mock's). */
export const millisPattern = /^\d{13}$/

/**
 * An instant sent as a 13-digit millisecond timestamp. Encoding refuses an instant outside
 * {@link millisParamRange}, so such a value fails before anything is sent.
 */
export const MillisParam = Schema.String.pipe(
  Schema.decodeTo(Schema.Date, {
    decode: SchemaGetter.transformEffect((s: string) =>
      millisPattern.test(s) ? Effect.succeed(new Date(Number(s))) : invalid(millisExpected)(s)
    ),
    encode: SchemaGetter.transformEffect((d: Date) => {
      const ms = d.getTime()
      return ms >= millisParamRange.min && ms <= millisParamRange.max
        ? Effect.succeed(String(ms))
        : invalid(millisExpected)(d)
    }),
  }),
  Schema.annotateEncoded({ description: "13-digit ms timestamp" }),
)

/**
 * A whole number as a parameter may carry it: up to nine digits, so it is always a safe integer
 * (`page`, `pageSize`; the CLI's and the mock's numeric flags read the same form).
 */
export const wholeNumberPattern = /^\d{1,9}$/
/** The largest {@link wholeNumberPattern} allows. */
export const wholeNumberMax = 999_999_999

/**
 * A positive whole number sent as text (`page`, `pageSize`). Both directions keep to
 * {@link wholeNumberMax}: a number the mock would refuse is never sent.
 */
export const PositiveIntParam = Schema.String.pipe(
  Schema.decodeTo(
    Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(wholeNumberMax))),
    {
      decode: SchemaGetter.transformEffect((s: string) =>
        wholeNumberPattern.test(s) ? Effect.succeed(Number(s)) : invalid("a positive whole number")(s)
      ),
      encode: SchemaGetter.transform((n: number) => String(n)),
    },
  ),
  Schema.annotateEncoded({ description: "digits" }),
)

/**
 * A channel ID in response data. Polyv sends a number on some endpoints and a string on others;
 * the SDK always exposes a string. Encoding (what the mock sends) produces the number the seed
 * pages show.
 */
export const ChannelId = Schema.Union([Schema.Number, Schema.String]).pipe(
  Schema.decodeTo(Schema.String, {
    decode: SchemaGetter.transform((v: number | string) => String(v)),
    // A number only where it reads back the same: a longer ID would lose its last digits, "0012"
    // its zeros. Any other ID goes as the string it is, which decoding takes as well.
    encode: SchemaGetter.transform((s: string): number | string => {
      const n = Number(s)
      return channelIdPattern.test(s) && Number.isSafeInteger(n) && String(n) === s ? n : s
    }),
  }),
)

const digits = /^\d+$/

/** A count Polyv sends as a string of digits (yunduo's `peakCCV`); exposed as a number. */
export const CountFromText = Schema.Union([Schema.Number, Schema.String]).pipe(
  Schema.decodeTo(Schema.Number, {
    decode: SchemaGetter.transformEffect((v: number | string) => {
      const n = typeof v === "number" ? v : digits.test(v) ? Number(v) : Number.NaN
      return Number.isFinite(n) ? Effect.succeed(n) : invalid("a count")(v)
    }),
    encode: SchemaGetter.transform((n: number): number | string => String(n)),
  }),
)

/** Millisecond timestamps in response data stay numbers (absolute instants). */
export const Millis = Schema.Number
