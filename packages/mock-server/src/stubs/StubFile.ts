/**
 * Stubs as JSON: what `--stubs FILE` (`{"stubs": [...]}`), `POST /__mock/stubs` (one stub or a
 * list) and a world file's `stubs` key carry. Values are in wire form — `match` as the parameters
 * are sent (`"page": "2"`, `"startDate": "2026-01-01"`), `data` as Polyv sends it — and are decoded
 * by the contract's own schemas, so a stub's data is checked by the endpoint's data schema and its
 * match by the parameters' (a match that no request could meet is refused).
 *
 * @example
 * ```ts
 * import { readStubs } from "@polyv-stats/mock-server"
 *
 * const read = readStubs([{ endpoint: "sessionList", match: { channelId: "2272655" }, answers: [{ fault: "reset" }] }])
 * read._tag // "Success": the stubs, typed, ready for StubBook.addAll
 * ```
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { Result, Schema } from "effect"
import { faultKinds } from "../faults/FaultInjector.js"
import { notJsonReason } from "../protocol/JsonReason.js"
import { type AnswerKey, type AnyStubSpec, got, problemsOf, type StubProblem } from "./Stub.js"
import { StubBook } from "./StubBook.js"

const Times = Schema.Union([Schema.Number, Schema.Literal("always")])

/** One stub of `endpoint` in JSON: the answer's kind is checked when the stub is made (`makeStub`). */
const stubJsonOf = <E extends Contract.KnownEndpoint>(endpoint: E) =>
  Schema.Struct({
    endpoint: Schema.Literal(endpoint.name as E["name"]),
    name: Schema.optionalKey(Schema.String),
    // Every parameter may be left out of a match; each given is decoded by its own schema.
    match: Schema.optionalKey(Schema.Struct(Object.fromEntries(
      Contract.paramFields(endpoint).map(({ name, schema, optional }) => [
        name,
        optional ? schema : Schema.optionalKey(schema as Schema.Codec<unknown, string>),
      ]),
    ) as Contract.ParamFields)),
    answers: Schema.Array(Schema.Struct(
      {
        data: Schema.optionalKey(endpoint.data as Schema.Codec<Contract.DataOf<E>, unknown>),
        failure: Schema.optionalKey(Schema.String),
        value: Schema.optionalKey(Schema.String),
        fault: Schema.optionalKey(Schema.String.annotate({ description: `One of ${faultKinds.join(", ")}` })),
        times: Schema.optionalKey(Times),
      } satisfies Record<AnswerKey, Schema.Top>,
    )),
  })

const byEndpoint = new Map(Contract.endpoints.map((endpoint) => [endpoint.name, stubJsonOf(endpoint)]))

/**
 * One stub in JSON: a union over the contract's endpoints, told apart by `endpoint` (for a JSON
 * Schema, or a world file's `stubs` key).
 */
export const StubJson = Schema.Union(Contract.endpoints.map(stubJsonOf))

/** The stubs file of `--stubs`: `{"stubs": [...]}`. */
export const StubsFile = Schema.Struct({ stubs: Schema.Array(StubJson) })

const names = () => [...byEndpoint.keys()].join(", ")

/**
 * Decodes stubs from JSON (a list, as `StubsFile.stubs` holds), every problem named by its path
 * under `prefix` (`stubs[1].answers[0].data.pageSize: Expected number, got "x"`). The stubs still
 * go through `makeStub` (documented failures, fault kinds, `times`) when added.
 */
export const readStubs = (
  input: unknown,
  prefix = "",
): Result.Result<Array<AnyStubSpec>, Array<StubProblem>> => {
  if (!Array.isArray(input)) {
    return Result.fail([{ path: prefix, message: `expected a list of stubs, got ${typeof input}` }])
  }
  const specs: Array<AnyStubSpec> = []
  const problems: Array<StubProblem> = []
  input.forEach((given: unknown, i) => {
    const at = `${prefix}[${i}]`
    const name = typeof given === "object" && given !== null ? (given as { endpoint?: unknown }).endpoint : undefined
    const schema = typeof name === "string" ? byEndpoint.get(name as Contract.EndpointName) : undefined
    if (schema === undefined) {
      problems.push({
        path: `${at}.endpoint`,
        message: `expected one of ${names()}, got ${name === undefined ? "none" : got(name, [])}`,
      })
      return
    }
    let decoded: Result.Result<Record<string, unknown>, Schema.SchemaError>
    try {
      decoded = Schema.decodeUnknownResult(schema as Schema.Codec<Record<string, unknown>, unknown>, {
        errors: "all",
        onExcessProperty: "error",
      })(given)
    } catch (error) {
      // JSON nested deeper than the decoder's stack: no stub is built like that.
      if (!(error instanceof RangeError)) throw error
      problems.push({ path: at, message: "nested too deeply to read" })
      return
    }
    if (Result.isFailure(decoded)) problems.push(...problemsOf(at, decoded.failure.issue, given))
    else {
      specs.push(
        { ...decoded.success, endpoint: Contract.byName[name as Contract.EndpointName] } as unknown as AnyStubSpec,
      )
    }
  })
  return problems.length > 0 ? Result.fail(problems) : Result.succeed(specs)
}

/** The problems, offset by where each stub was: `readStubs` names them by index, `addAll` too. */
export const underPrefix = (prefix: string, problems: ReadonlyArray<StubProblem>): Array<StubProblem> =>
  problems.map(({ path, message }) => ({ path: `${prefix}${path}`, message }))

/**
 * A stubs file's text (`{"stubs": [...]}`, as `--stubs` reads it) to stubs checked whole — decoded
 * and made, as the mock will make them — or every problem, paths under `stubs`.
 */
export const parseStubsFile = (text: string): Result.Result<Array<AnyStubSpec>, Array<StubProblem>> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return Result.fail([{ path: "", message: `not JSON (${notJsonReason(error, text)})` }])
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || !Object.hasOwn(json, "stubs")) {
    return Result.fail([{ path: "", message: `expected an object {"stubs": [...]}` }])
  }
  const extra = Object.keys(json).filter((key) => key !== "stubs")
  if (extra.length > 0) {
    return Result.fail([{ path: extra[0]!, message: `unexpected key; the file holds "stubs" only` }])
  }
  return checkedStubs((json as { stubs: unknown }).stubs)
}

/**
 * A list of stubs in JSON (a stubs file's or a world file's `stubs`) checked whole — decoded and
 * made, as the mock will make them — or every problem, paths under `stubs`.
 */
export const checkedStubs = (list: unknown): Result.Result<Array<AnyStubSpec>, Array<StubProblem>> =>
  Result.flatMap(
    readStubs(list, "stubs"),
    (specs) =>
      Result.map(
        Result.mapError(new StubBook().addAll(specs), (problems) => underPrefix("stubs", problems)),
        () => specs,
      ),
  )
