/**
 * The world file: an account written down (JSON) instead of generated from a seed. Its schema is
 * the one source of the format: {@link decodeWorldFile} checks a file with it, the editors' JSON
 * Schema (`world.schema.json`) is generated from it at build, and {@link WorldFile} is its type.
 * `docs/world-files.md` describes the format and what the endpoints derive from it.
 *
 * The IDs use the contract's patterns and the instants its 13-digit millisecond range (core's
 * `WireTypes`), so a file cannot hold an ID or a time Polyv could not send. What one field cannot
 * say alone (an end before its start, a peak outside its session, two channels with one ID, an
 * owner who is not a user) is checked after the schema, by `WorldChecks.ts`; every problem of
 * either kind comes back with its path (`channels[2].sessions[0].endTime: before startTime`), and a
 * file with any problem is refused whole.
 *
 * @example
 * ```ts
 * import { WorldFile } from "@polyv-stats/mock-server"
 *
 * const decoded = WorldFile.decodeWorldFile({
 *   now: 1652411923329,
 *   users: ["1b448be323"],
 *   channels: [{ channelId: "2272655", userId: "1b448be323", sessions: [] }],
 * })
 * if (decoded._tag === "Problems") console.error(decoded.problems.join("\n"))
 * ```
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { Data, Schema, SchemaIssue } from "effect"
import { appSecretExpected, appSecretPattern } from "./Account.js"
import { checkWorld } from "./WorldChecks.js"

const { WireTypes } = Contract

/**
 * An ID by the contract's pattern. The pattern goes into the JSON Schema as it is: Effect exports
 * only `u`-flagged patterns, and these ASCII classes read the same either way.
 */
const idOf = (pattern: RegExp, expected: string) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(pattern, { expected, toJsonSchema: () => ({ pattern: pattern.source }) })),
    Schema.annotate({ description: expected }),
  )

/**
 * Gives a field its description. Effect puts an annotation on a schema's last check, and the JSON
 * Schema keeps two checks' descriptions apart (an `allOf` editors do not show): so the schemas
 * below that get checked further (instants) carry no description of their own, only the field's.
 */
const described = <S extends Schema.Top>(description: string) => (schema: S) =>
  schema.pipe(Schema.annotate({ description })) as S

const millisecondTimestamp = "a 13-digit millisecond timestamp"

/** A 13-digit millisecond timestamp, the only form Polyv gives instants in (undescribed: see `described`). */
export const Instant = Schema.Int.pipe(
  // Aborting: a number out of range is one problem, not also whatever a later check finds.
  Schema.check(
    Schema.isBetween(
      { minimum: WireTypes.millisParamRange.min, maximum: WireTypes.millisParamRange.max },
      {
        expected: `${millisecondTimestamp} (${WireTypes.millisParamRange.min} to ${WireTypes.millisParamRange.max})`,
      },
    ).abort(),
  ),
)

/**
 * When a session started, ended or peaked: whole seconds. Polyv records sessions to the second
 * (every instant on its pages ends in 000) and its date parameters (`startDate`, `endDate`) name
 * seconds, so a session at 12:00:00.500 is one Polyv never reports, and one a window ending at
 * 12:00:00 would keep or drop depending on how the millisecond is read.
 */
export const SessionInstant = Instant.pipe(
  Schema.check(Schema.isMultipleOf(1000, { expected: "a whole second (a timestamp ending in 000)" })),
)

/** A count the mock keeps in a 32-bit integer (viewers, minutes). */
const Count = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 2 ** 31 - 1 })))

/** When a session's report becomes ready: after that many "not ready" polls, or that many seconds of mock time. */
export const ReportReadiness = Schema.Struct({
  polls: Schema.optionalKey(
    Count.pipe(Schema.annotate({ description: "polls answered \"not ready\" after the first request" })),
  ),
  seconds: Schema.optionalKey(
    Count.pipe(Schema.annotate({ description: "seconds of mock time after the first request" })),
  ),
})

export const SessionRecord = Schema.Struct({
  sessionId: idOf(WireTypes.sessionIdPattern, WireTypes.idExpected.sessionId),
  startTime: SessionInstant.pipe(described(`when the session started: ${millisecondTimestamp}, whole seconds`)),
  endTime: Schema.NullOr(
    SessionInstant.pipe(described(`when the session ended: ${millisecondTimestamp}, whole seconds`)),
  ).pipe(described("null while the session is live")),
  peakViewers: Schema.optionalKey(
    Count.pipe(described("the highest concurrent viewer count (yunduo's peak); default 0")),
  ),
  peakAt: Schema.optionalKey(
    SessionInstant.pipe(described("when the peak happened, within the session, whole seconds; default startTime")),
  ),
  micMinutes: Schema.optionalKey(
    Count.pipe(described("co-host (连麦) minutes, counted on the China day the session started; default 0")),
  ),
  report: Schema.optionalKey(
    ReportReadiness.pipe(described("when this session's report is ready; default the world's reports")),
  ),
})

export const ChannelRecord = Schema.Struct({
  channelId: idOf(WireTypes.channelIdPattern, WireTypes.idExpected.channelId),
  userId: idOf(WireTypes.userIdPattern, WireTypes.idExpected.userId).pipe(described("the owner: one of users")),
  sessions: Schema.Array(SessionRecord).pipe(described("in any order, one at a time; the newest may be live")),
})

/** The world file's schema. `users[0]` is the account's own user (mic history answers for it). */
export const WorldFileSchema = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String.pipe(described("where editors find this schema; ignored by the mock"))),
  appId: Schema.optionalKey(
    Schema.NonEmptyString.pipe(described("the appId the mock accepts; default the demo pair's")),
  ),
  appSecret: Schema.optionalKey(
    Schema.String.pipe(
      Schema.check(Schema.isPattern(appSecretPattern, { expected: appSecretExpected })),
      described("the app secret the mock accepts; default the demo pair's"),
    ),
  ),
  now: Schema.optionalKey(
    Instant.pipe(described(`where the mock's clock starts: ${millisecondTimestamp}; default the real clock`)),
  ),
  reports: Schema.optionalKey(
    ReportReadiness.pipe(
      described("when reports are ready for sessions that do not say; default the mock's report timing"),
    ),
  ),
  users: Schema.Array(idOf(WireTypes.userIdPattern, WireTypes.idExpected.userId)).pipe(
    described("the account's users; the first is its own (mic history answers for it)"),
  ),
  channels: Schema.Array(ChannelRecord),
  // Checked by the stubs module (`stubs/WorldStubs.ts`), which the world does not depend on.
  stubs: Schema.optionalKey(
    Schema.Array(Schema.Unknown).pipe(
      described("stubs in force from the start, as a --stubs file's list: answers a test chooses"),
    ),
  ),
}).pipe(Schema.annotate({
  title: "polyv-stats mock world",
  description: "An account for the Polyv mock: users, channels, sessions (polyv-mock --world FILE)",
}))

export type WorldFile = typeof WorldFileSchema.Type
export type SessionRecord = typeof SessionRecord.Type
export type ChannelRecord = typeof ChannelRecord.Type
export type ReportReadiness = typeof ReportReadiness.Type

/** The JSON Schema of a world file, for editors (`world.schema.json`, written at build). */
export const jsonSchema = (): object => {
  const { schema, definitions } = Schema.toJsonSchemaDocument(WorldFileSchema, { onExcessProperty: "error" })
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...schema,
    ...(Object.keys(definitions).length === 0 ? {} : { $defs: definitions }),
  }
}

/** A file that decoded and passed every check, or each problem with its path. */
export type Decoded =
  | { readonly _tag: "World"; readonly world: WorldFile }
  | { readonly _tag: "Problems"; readonly problems: ReadonlyArray<string> }

/**
 * `["channels", 2, "sessions", 0, "endTime"]` → `channels[2].sessions[0].endTime`, after `prefix`
 * when given (`stubs[1]` + `["answers", 0]` → `stubs[1].answers[0]`).
 */
export const pathText = (path: ReadonlyArray<PropertyKey>, prefix = ""): string =>
  path.reduce<string>(
    (text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
    prefix,
  )

const decodeAll = Schema.decodeUnknownResult(WorldFileSchema, {
  errors: "all",
  onExcessProperty: "error",
  // The problems quote the value refused.
  reportInput: true,
})
const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * A schema's refusal as problem lines, each starting with its path (`channels[0].userId: …`; the
 * file itself is `(file)`), cut at {@link problemLength}. The value under the top-level key
 * `secretKey` is never quoted back, even one of the wrong type, nor a value under any key that
 * names a secret (`AppSecret`, `app_secret`: a misspelt key is refused as unexpected, and its value
 * is still the secret), nor the value of any unexpected key. World files and cassettes share it.
 */
export const issueLines = (issue: SchemaIssue.Issue, secretKey?: string): Array<string> =>
  formatIssues(issue).issues.map(({ message, path }) => {
    const keys = (path ?? []).map((p) => typeof p === "object" ? p.key : p)
    const secret = (secretKey !== undefined && keys[0] === secretKey) ||
      keys.some((key) => typeof key === "string" && /secret/i.test(key))
    const shown = secret
      ? message.replace(/, got [\s\S]*$/, "").replace(/ with value [\s\S]*$/, "")
      : message.replace(/^(Unexpected key) with value [\s\S]*$/, "$1")
    const line = `${keys.length === 0 ? "(file)" : pathText(keys)}: ${shown}`
    return line.length > problemLength ? `${line.slice(0, problemLength - 1)}…` : line
  })

/**
 * Decodes a world file (parsed JSON) and checks it: the world, or every problem, one a line,
 * each starting with its path (`channels[0].userId: …`; the file itself is `(file)`).
 */
export const decodeWorldFile = (input: unknown): Decoded => {
  let decoded: ReturnType<typeof decodeAll>
  try {
    decoded = decodeAll(input)
  } catch (error) {
    // JSON nested deeper than the decoder's stack: no world file is built like that.
    if (error instanceof RangeError) return { _tag: "Problems", problems: [`(file): nested too deeply to read`] }
    throw error
  }
  if (decoded._tag === "Failure") return { _tag: "Problems", problems: issueLines(decoded.failure.issue, "appSecret") }
  const problems = checkWorld(decoded.success)
  return problems.length === 0
    ? { _tag: "World", world: decoded.success }
    : { _tag: "Problems", problems: problems.map((p) => `${pathText(p.path)}: ${p.message}`) }
}

/** How many sessions a world file holds, over all its channels. */
export const sessionsIn = (file: WorldFile): number => file.channels.reduce((n, c) => n + c.sessions.length, 0)

/** The latest instant a world file names (a start, an end or a peak); `-Infinity` with no session. */
export const latestInstant = (file: WorldFile): number => {
  let latest = Number.NEGATIVE_INFINITY
  for (const channel of file.channels) {
    for (const s of channel.sessions) latest = Math.max(latest, s.startTime, s.endTime ?? s.startTime, s.peakAt ?? 0)
  }
  return latest
}

/** The longest a problem's line gets: a refused value is quoted, and it may be megabytes. */
export const problemLength = 300

/** How many problems a refusal's message lists; a file can have a hundred thousand. */
export const problemsShown = 100

/** A world file that did not pass: its message lists the problems, one a line after the first. */
export class WorldFileError extends Data.TaggedError("WorldFileError")<{
  /** Each problem, starting with its path. */
  readonly problems: ReadonlyArray<string>
  /** What was read (`--world w.json`, `the world option`). */
  readonly source: string
}> {
  override get message(): string {
    const n = this.problems.length
    const shown = this.problems.slice(0, problemsShown).map((p) => `  ${p}`)
    const more = n > problemsShown ? [`  … and ${n - problemsShown} more (\`problems\` holds them all)`] : []
    return [`${this.source} is refused, ${n} problem${n === 1 ? "" : "s"}:`, ...shown, ...more].join("\n")
  }
}

/** The checked world, or a {@link WorldFileError} listing every problem. */
export const worldFileOrThrow = (input: unknown, source = "the world"): WorldFile => {
  const decoded = decodeWorldFile(input)
  if (decoded._tag === "Problems") throw new WorldFileError({ problems: decoded.problems, source })
  return decoded.world
}
