/**
 * A decoder equal to a schema's own, with a plain-JavaScript fast path for answers that match.
 *
 * The client decodes every answer's `data` with the contract's schema; for a 20-session page that
 * was the largest piece of core's own CPU per call (Schema's parser walks every field through its
 * general machinery). The fast path is derived from the schema's AST, not written by hand, so the
 * contract stays the one source of truth. It knows only the plainest nodes — structs without index
 * signatures, arrays of one item type, `anyOf` unions, strings, numbers, booleans and null, each
 * with its filters run as the schema runs them — and a transformed node it hands to the schema's
 * own decoder for that node (remembered for the last primitive input, so a page whose sessions all
 * share a channel decodes it once: a transformation is taken to be a function of its input, as the
 * contract's are). A schema with any other node gets the plain decoder.
 *
 * On the first doubt (a wrong type, a missing key, a filter that fails) the fast path gives up and
 * the schema decodes the whole input, so every failure is the schema's own, issue and message alike.
 * What the fast path accepts, it accepts exactly as the schema does: the same keys, in the schema's
 * order, excess keys dropped (the property test in `test/FastDecode.test.ts` checks it over valid
 * and broken pages).
 *
 * @module
 */
import { Result, Schema, SchemaAST } from "effect"

/** The fast path's "not sure": the schema decides. */
const unsure: unique symbol = Symbol("unsure")
type Fast = (input: unknown) => unknown

/** The schema's own decoder, as the client runs it. */
export type Decoder = (input: unknown) => Result.Result<unknown, Schema.SchemaError>

const plainDecoder = (schema: Schema.Codec<unknown>): Decoder => Schema.decodeUnknownResult(schema)

/** What the schema's decoder runs filters with when the caller gives no options (Effect's default). */
const parseOptions: SchemaAST.ParseOptions = {}

const isPrimitive = (value: unknown) => value === null || (typeof value !== "object" && typeof value !== "function")

/** A transformed node, decoded by the schema itself; the last primitive input's output is kept. */
const viaSchema = (ast: SchemaAST.AST): Fast => {
  const decode = plainDecoder(Schema.make<Schema.Codec<unknown>>(ast))
  let lastInput: unknown = unsure
  let lastOutput: unknown = unsure
  return (input) => {
    if (input === lastInput) return lastOutput
    const decoded = decode(input)
    if (Result.isFailure(decoded)) return unsure
    // Only a primitive in and out is remembered: an object (a `Date`) must not be shared.
    if (isPrimitive(input) && isPrimitive(decoded.success)) {
      lastInput = input
      lastOutput = decoded.success
    }
    return decoded.success
  }
}

/** A node's filters, run on its output as the schema runs them; `undefined` if one is not a plain filter. */
const withChecks = (ast: SchemaAST.AST, fast: Fast): Fast | undefined => {
  const checks = ast.checks
  if (checks === undefined) return fast
  if (!checks.every((check) => check._tag === "Filter")) return undefined
  const filters = checks as ReadonlyArray<SchemaAST.Filter<unknown>>
  return (input) => {
    const output = fast(input)
    if (output === unsure) return unsure
    for (const filter of filters) {
      if (filter.run(output, ast, parseOptions) !== undefined) return unsure
    }
    return output
  }
}

const ofType = (type: "string" | "number" | "boolean"): Fast => (input) => typeof input === type ? input : unsure

const objects = (ast: SchemaAST.Objects): Fast | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  const fields: Array<{ name: string; fast: Fast; optional: boolean; transformed: boolean }> = []
  for (const property of ast.propertySignatures) {
    // `__proto__` is assigned specially by the schema; symbols and numbers are not JSON keys.
    if (typeof property.name !== "string" || property.name === "__proto__") return undefined
    const fast = compile(property.type)
    if (fast === undefined) return undefined
    fields.push({
      name: property.name,
      fast,
      optional: property.type.context?.isOptional === true,
      transformed: property.type.encoding !== undefined,
    })
  }
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return unsure
    const record = input as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!
      const given = record[field.name]
      // A transformed key that is absent may have a decoding default: the schema knows.
      if (given === undefined && !(field.name in record)) {
        if (field.optional && !field.transformed) continue
        return unsure
      }
      const value = field.fast(given)
      if (value === unsure) return unsure
      out[field.name] = value
    }
    return out
  }
}

const arrays = (ast: SchemaAST.Arrays): Fast | undefined => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
  const item = compile(ast.rest[0]!)
  if (item === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return unsure
    const out: Array<unknown> = []
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i])
      if (value === unsure) return unsure
      out.push(value)
    }
    return out
  }
}

/** The first member that takes the input, as an `anyOf` union picks. */
const union = (ast: SchemaAST.Union): Fast | undefined => {
  if ((ast.options?.mode ?? "anyOf") !== "anyOf") return undefined
  const members: Array<Fast> = []
  for (const type of ast.types) {
    const fast = compile(type)
    if (fast === undefined) return undefined
    members.push(fast)
  }
  return (input) => {
    for (const member of members) {
      const value = member(input)
      if (value !== unsure) return value
    }
    return unsure
  }
}

const unchecked = (ast: SchemaAST.AST): Fast | undefined => {
  switch (ast._tag) {
    case "String":
      return ofType("string")
    case "Number":
      return ofType("number")
    case "Boolean":
      return ofType("boolean")
    case "Null":
      return (input) => input === null ? input : unsure
    case "Objects":
      return objects(ast)
    case "Arrays":
      return arrays(ast)
    case "Union":
      return union(ast)
    default:
      return undefined
  }
}

/** The fast path of one node, or `undefined` when the node is not one it knows. */
const compile = (ast: SchemaAST.AST): Fast | undefined => {
  if (ast.encoding !== undefined) return viaSchema(ast)
  const fast = unchecked(ast)
  return fast === undefined ? undefined : withChecks(ast, fast)
}

/**
 * The fast path alone: the decoded value, or `undefined` where it is unsure (and the schema
 * decides). `undefined` for a schema it does not know. For tests: they check it is taken.
 */
export const fastPathOf = (schema: Schema.Top): ((input: unknown) => unknown) | undefined => {
  const fast = compile(schema.ast)
  return fast === undefined ? undefined : (input) => {
    const value = fast(input)
    return value === unsure ? undefined : value
  }
}

/**
 * The schema's decoder, with the fast path in front of it when the schema is one the fast path
 * knows. Build it once per schema (the client keeps one per endpoint): the build walks the AST.
 */
export const fastDecoder = (schema: Schema.Codec<unknown>): Decoder => {
  const plain = plainDecoder(schema)
  const fast = compile(schema.ast)
  if (fast === undefined) return plain
  return (input) => {
    const value = fast(input)
    return value === unsure ? plain(input) : Result.succeed(value)
  }
}
