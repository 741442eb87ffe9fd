/**
 * A stub: an answer a test chooses for one endpoint, in place of what the world would say. It
 * names an endpoint of core's contract, may match a partial of the DECODED parameters, and gives a
 * sequence of answers, each `times` times (default once; `"always"` only last): data (checked by
 * the endpoint's data schema when the stub is made), one of the failures that endpoint's page
 * documents (its message, envelope and code then come from the contract, through the same code
 * that answers the mock's own failures), or a fault (the kinds of `faults/`). Used up, it steps
 * aside and the world answers again.
 *
 * It is checked whole when made: every problem is named by its path (`answers[1].data.contents[0].
 * startTime: Expected number, got "x"`), so a stub cannot make the mock say what Polyv never would.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 * import { makeStub } from "@polyv-stats/mock-server"
 *
 * const made = makeStub({
 *   endpoint: Contract.byName.exportReport,
 *   answers: [{ failure: "ReportNotReady", times: 2 }, { data: "https://example.com/r.xlsx" }],
 * }, "stub-1")
 * made._tag // "Success": Result.Success holding the checked stub
 * ```
 * @module
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { Result, Schema, SchemaIssue } from "effect"
import { type FaultKind, faultKinds, isFaultKind } from "../faults/FaultInjector.js"
import { failure, type Outcome, serverFailure } from "../protocol/Outcome.js"
import { type ParamsMatch, paramsMatch } from "../protocol/ParamsMatch.js"
import { pathText } from "../world/WorldFile.js"

/**
 * What the `%s` of a failure's message can be, for each failure whose message has one. Polyv names
 * the request's own channel (`illegal channel id: 2104210`), and a request whose channel ID is not
 * one is refused before any stub (`param validate error`), so a stubbed value is a channel ID by
 * the contract's own parameter schema: the mock says only what Polyv could. A failure whose message
 * has a `%s` and no entry here cannot be stubbed (a test holds every such failure to an entry).
 */
export const failureValues: {
  readonly [K in ApiFailures.ApiFailureTag]?: { readonly is: (value: unknown) => boolean; readonly expected: string }
} = {
  IllegalChannelId: {
    is: Schema.is(Contract.WireTypes.ChannelIdParam),
    expected: Contract.WireTypes.idExpected.channelId,
  },
}

/** The failures an endpoint's page documents: the keys of its contract's `errorCodes`. */
export type FailureOf<E extends Contract.AnyEndpoint> = Extract<keyof E["errorCodes"], ApiFailures.ApiFailureTag>

/** How many requests one answer serves: a whole number from 1, or `"always"` (only the last answer). */
export type Times = number | "always"

/** The most a `times` may say (a number beyond any test; `"always"` says more). */
export const maxTimes = 1_000_000_000

/** One answer of a stub, typed by its endpoint. */
export type StubAnswer<E extends Contract.AnyEndpoint> =
  & { readonly times?: Times | undefined }
  & (
    | { readonly data: Contract.DataOf<E> }
    /** `value` fills the `%s` of the failure's message (`illegal channel id: %s`); only there. */
    | { readonly failure: FailureOf<E>; readonly value?: string | undefined }
    | { readonly fault: FaultKind }
  )

/** What a test asks for, typed from the contract (`endpoint` is `Contract.byName.<name>`). */
export interface StubSpec<E extends Contract.AnyEndpoint> {
  readonly endpoint: E
  /** Names the stub in the journal (`outcome.stub`), the calls and `DELETE /__mock/stubs/<name>`; default `stub-<n>`. */
  readonly name?: string | undefined
  /** Deep-equal on each key it gives with the request's decoded parameters (as `mock.calls` matches). */
  readonly match?: Partial<Contract.ParamsOf<E>> | undefined
  /** In order; each serves `times` requests (default 1). */
  readonly answers: readonly [StubAnswer<E>, ...Array<StubAnswer<E>>]
}

/** A stub of any one endpoint: a union mapped over the contract, so each is typed by its own. */
export type AnyStubSpec = { readonly [K in Contract.EndpointName]: StubSpec<Contract.EndpointsByName[K]> }[
  Contract.EndpointName
]

/** What a checked answer does: an outcome for the mock to answer with, or a fault to shape its answer. */
export type Answer =
  | { readonly _tag: "Outcome"; readonly outcome: Outcome<unknown> }
  | { readonly _tag: "Fault"; readonly fault: FaultKind }

/** A checked stub: its answers resolved once, so answering costs no check. */
export interface Stub {
  readonly id: string
  readonly endpoint: Contract.KnownEndpoint
  readonly match: ParamsMatch
  /** As given (for listing), with the resolved answer and how many requests it serves. */
  readonly steps: ReadonlyArray<{ readonly given: unknown; readonly answer: Answer; readonly times: number }>
}

/** A stub's names go in a URL path (`/__mock/stubs/<name>`): plain characters only. */
export const stubNamePattern = /^[A-Za-z0-9._-]{1,64}$/

const namesExpected = "1 to 64 letters, digits, '.', '_' or '-'"

/** One problem of a stub, with where it is (`answers[0].data.pageSize`). */
export interface StubProblem {
  readonly path: string
  readonly message: string
}

/** The value at `path` inside `input`, quoted shortly, for "got …" (undefined when there is none). */
export const got = (input: unknown, path: ReadonlyArray<PropertyKey>): string | undefined => {
  let value: unknown = input
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  const text = value === undefined ? "undefined" : quoted(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/** As JSON; a value nested deeper than the stack is named, not quoted. */
const quoted = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch (error) {
    if (error instanceof RangeError) return "(a value nested too deeply to show)"
    throw error
  }
}

const standard = SchemaIssue.makeFormatterStandardSchemaV1()

/** Every issue of a schema failure as problems under `prefix`, each with the value it refused. */
export const problemsOf = (prefix: string, issue: SchemaIssue.Issue, input: unknown): Array<StubProblem> =>
  standard(issue).issues.map(({ path, message }) => {
    const keys = (path ?? []).map((key) => (typeof key === "object" ? key.key : key))
    const value = got(input, keys)
    return {
      path: pathText(keys, prefix),
      message: value === undefined || message === "Missing key" ? message : `${message}, got ${value}`,
    }
  })

/**
 * Compiled once per endpoint: the data check (encoding, as the mock will, then decoding what a
 * client would read, as core's client does) and the parameter names.
 */
const checks = new Map(
  Contract.endpoints.map((endpoint) => [endpoint, {
    encode: Schema.encodeUnknownResult(endpoint.data as Schema.Codec<unknown, unknown>, { errors: "all" }),
    decode: Schema.decodeUnknownResult(endpoint.data as Schema.Codec<unknown, unknown>, { errors: "all" }),
    // Each parameter's encoder: a match value it cannot encode is one no decoded request holds.
    params: new Map(
      Contract.paramFields(endpoint).map((field) => [
        field.name,
        Schema.encodeUnknownResult(field.schema as Schema.Codec<unknown, unknown>),
      ]),
    ),
  }]),
)

/**
 * Stub data as it would travel: encoded, through JSON (where `NaN` and `Infinity` become `null`),
 * and decoded by the contract as a client reads it. Data a client could not read back (a count of
 * -3.5 sent as text, a duration of `NaN`) is data Polyv could not send: refused, so a stub never
 * makes the mock answer what the client would reject.
 *
 * What passes is the copy read back, not the caller's object: the stub answers and lists that
 * copy, so data changed after the stub was made (a channel ID given an ESC, a duration made
 * -3.5) never reaches an answer unchecked.
 */
const checkData = (
  endpoint: Contract.KnownEndpoint,
  data: unknown,
  at: string,
): Result.Result<unknown, Array<StubProblem>> => {
  const check = checks.get(endpoint)!
  const encoded = check.encode(data)
  if (Result.isFailure(encoded)) return Result.fail(problemsOf(at, encoded.failure.issue, data))
  const wire: unknown = JSON.parse(JSON.stringify(encoded.success) ?? "null")
  const read = check.decode(wire)
  return Result.isFailure(read)
    ? Result.fail(problemsOf(at, read.failure.issue, wire).map((p) => ({ ...p, message: `as sent, ${p.message}` })))
    : Result.succeed(read.success)
}

const resolveAnswer = (
  endpoint: Contract.KnownEndpoint,
  given: Record<string, unknown>,
  at: string,
  problems: Array<StubProblem>,
): Answer | undefined => {
  const kinds = ["data", "failure", "fault"].filter((kind) => Object.hasOwn(given, kind))
  if (kinds.length !== 1) {
    problems.push({
      path: at,
      message: `give one of data, failure or fault; got ${kinds.length === 0 ? "none" : kinds.join(" and ")}`,
    })
    return undefined
  }
  if (kinds[0] === "data") {
    const checked = checkData(endpoint, given.data, `${at}.data`)
    if (Result.isSuccess(checked)) return { _tag: "Outcome", outcome: { _tag: "Data", data: checked.success } }
    for (const problem of checked.failure) problems.push(problem)
    return undefined
  }
  if (kinds[0] === "fault") {
    if (typeof given.fault === "string" && isFaultKind(given.fault)) return { _tag: "Fault", fault: given.fault }
    problems.push({
      path: `${at}.fault`,
      message: `expected one of ${faultKinds.join(", ")}, got ${got(given, ["fault"])}`,
    })
    return undefined
  }
  const documented = Object.keys(endpoint.errorCodes) as Array<ApiFailures.ApiFailureTag>
  const tag = given.failure as ApiFailures.ApiFailureTag
  if (typeof tag !== "string" || !documented.includes(tag)) {
    problems.push({
      path: `${at}.failure`,
      message: `${endpoint.name}'s page documents ${documented.join(", ")}; got ${got(given, ["failure"])}`,
    })
    return undefined
  }
  const template = ApiFailures.apiFailures[tag].messages[0]
  const value = given.value
  const wanted = template.includes("%s")
  if (wanted ? typeof value !== "string" || value === "" : value !== undefined) {
    problems.push({
      path: `${at}.value`,
      message: wanted
        ? `${tag} needs a value, the %s of "${template}"; got ${got(given, ["value"]) ?? "none"}`
        : `${tag}'s message "${template}" takes no value; got ${got(given, ["value"])}`,
    })
    return undefined
  }
  const valueOf = failureValues[tag]
  if (wanted && (valueOf === undefined || !valueOf.is(value))) {
    problems.push({
      path: `${at}.value`,
      // No entry: a test holds every failure with a `%s` to one, so only a new failure meets this.
      message: valueOf === undefined
        ? `${tag} cannot be stubbed: the mock does not know what the %s of "${template}" may be`
        : `the %s of "${template}" is ${valueOf.expected}; got ${got(given, ["value"])}`,
    })
    return undefined
  }
  return {
    _tag: "Outcome",
    outcome: tag === "ServerError" ? serverFailure : failure(tag, ApiFailures.messageOf(tag, value as string)),
  }
}

const timesOf = (given: unknown, last: boolean, at: string, problems: Array<StubProblem>): number => {
  if (given === undefined) return 1
  if (given === "always") {
    if (last) return Number.POSITIVE_INFINITY
    problems.push({
      path: `${at}.times`,
      message: `"always" only on the last answer: the ones after it would never come`,
    })
    return 0
  }
  if (typeof given === "number" && Number.isInteger(given) && given >= 1 && given <= maxTimes) return given
  problems.push({
    path: `${at}.times`,
    message: `expected a whole number from 1 to ${maxTimes} or "always", got ${got(given, [])}`,
  })
  return 0
}

/** The keys an answer may have (a stubs file's schema is held to the same list: StubFile.ts). */
export const answerKeys = ["data", "failure", "value", "fault", "times"] as const
export type AnswerKey = (typeof answerKeys)[number]
const answerKeySet: ReadonlySet<string> = new Set(answerKeys)

/**
 * Checks a stub and resolves its answers, or lists every problem with its path. `id` is the name
 * it gets when `spec.name` gives none.
 */
export const makeStub = (spec: AnyStubSpec, id: string): Result.Result<Stub, Array<StubProblem>> => {
  const problems: Array<StubProblem> = []
  const endpoint = spec.endpoint as Contract.KnownEndpoint
  if (Contract.byName[endpoint?.name as Contract.EndpointName] !== endpoint) {
    return Result.fail([{
      path: "endpoint",
      message: `expected one of the contract's endpoints (${Object.keys(Contract.byName).join(", ")})`,
    }])
  }
  if (spec.name !== undefined && (typeof spec.name !== "string" || !stubNamePattern.test(spec.name))) {
    problems.push({ path: "name", message: `expected ${namesExpected}, got ${got(spec.name, [])}` })
  }
  const { params } = checks.get(endpoint)!
  for (const [key, value] of Object.entries(spec.match ?? {})) {
    const encode = params.get(key)
    if (encode === undefined) {
      problems.push({
        path: `match.${key}`,
        message: `${endpoint.name} has no parameter ${key}; its parameters are ${[...params.keys()].join(", ")}`,
      })
    } else if (value !== undefined && Result.isFailure(encode(value))) {
      problems.push({
        path: `match.${key}`,
        message: `no request's ${key} is ${got(value, [])}: give it as the decoded parameter (as mock.calls shows it)`,
      })
    }
  }
  const answers = spec.answers as ReadonlyArray<Record<string, unknown>>
  if (!Array.isArray(answers) || answers.length === 0) {
    problems.push({ path: "answers", message: "expected at least one answer" })
  }
  const steps = (Array.isArray(answers) ? answers : []).flatMap((given, i) => {
    const at = `answers[${i}]`
    if (typeof given !== "object" || given === null) {
      problems.push({ path: at, message: `expected an answer object, got ${got(given, [])}` })
      return []
    }
    // As a stubs file is read: a key no answer has (`tims: 3`) is a mistake, not something to ignore.
    for (const key of Object.keys(given)) {
      if (!answerKeySet.has(key)) {
        problems.push({ path: `${at}.${key}`, message: `an answer has no ${key}; it has ${answerKeys.join(", ")}` })
      }
    }
    const times = timesOf(given.times, i === answers.length - 1, at, problems)
    const answer = resolveAnswer(endpoint, given, at, problems)!
    // The listing's copy of what was given, with the checked data (see checkData): nothing the
    // caller still holds.
    const kept = answer?._tag === "Outcome" && answer.outcome._tag === "Data"
      ? { ...given, data: answer.outcome.data }
      : { ...given }
    return [{ given: kept, answer, times }]
  })
  return problems.length > 0
    ? Result.fail(problems)
    : Result.succeed({ id: spec.name ?? id, endpoint, match: paramsMatch(spec.match ?? undefined), steps })
}

/**
 * A stub's match and answers as JSON carries them (`GET /__mock/stubs`): parameters and data in
 * their wire form, so a listing can be posted back as it is.
 */
export const wireForm = (stub: Stub): { readonly match: Record<string, unknown>; readonly answers: Array<unknown> } => {
  const check = checks.get(stub.endpoint)!
  const wire = <A>(encoded: Result.Result<unknown, unknown>, given: A) => Result.getOrElse(encoded, () => given)
  return {
    match: Object.fromEntries(stub.match.map(([key, value]) => [key, wire(check.params.get(key)!(value), value)])),
    answers: stub.steps.map(({ given }) => {
      const answer = given as Record<string, unknown>
      return Object.hasOwn(answer, "data") ? { ...answer, data: wire(check.encode(answer.data), answer.data) } : answer
    }),
  }
}

/** Problems as one line each: `path: message`. */
export const problemLines = (problems: ReadonlyArray<StubProblem>): Array<string> =>
  problems.map(({ path, message }) => (path === "" ? message : `${path}: ${message}`))
