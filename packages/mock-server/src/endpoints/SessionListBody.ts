/**
 * The session list's success body: the bytes `JSON.stringify(envelope(encode(page)))` gives with
 * the contract's encoder of the page (what every other endpoint answers), made in less time.
 *
 * The contract's encoder walks its schema for each of a page's sessions, though on the way to the
 * wire only one of their fields changes (`channelId`, a string of digits sent as a number). Here
 * the page is encoded field by field, in the contract's order: a field whose schema encodes to
 * itself is copied, any other goes through that field's own encoder, compiled once. The mock made
 * the page, so there is nothing to check on the way out. `test/sessionListBody.test.ts` compares
 * the bytes with the plain version over arbitrary pages. Measured on Node 20, 20 sessions a page:
 * `handle()` in a loop took ~22 µs of CPU a request against ~28 µs through the contract's encoder,
 * and the mock under autocannon served 5–10% more requests a second.
 *
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { Schema, type SchemaAST } from "effect"
import type { BodyWriter } from "./EndpointContext.js"

const { sessionList } = Contract

/** A plain string, number, boolean or null, or a union of those, with no encoding step. */
const encodesToItself = (ast: SchemaAST.AST): boolean =>
  ast.encoding === undefined && (
    ast._tag === "String" || ast._tag === "Number" || ast._tag === "Boolean" || ast._tag === "Null" ||
    (ast._tag === "Union" && ast.types.every(encodesToItself))
  )

type Encode = (value: any) => unknown

/**
 * A struct's encoder, one field after another in the struct's order (the order `JSON.stringify`
 * writes them in); an absent optional field stays absent. `given` replaces a field's encoder.
 */
const fieldwise = <F extends Schema.Struct.Fields>(fields: F, given: { readonly [K in keyof F]?: Encode } = {}) => {
  const steps = Object.entries(fields).map(([name, schema]) => ({
    name,
    encode: given[name] ??
      (encodesToItself(schema.ast) ? undefined : Schema.encodeSync(schema as Schema.Codec<unknown>)),
  }))
  return (value: object): Record<string, unknown> => {
    const wire: Record<string, unknown> = {}
    for (const { name, encode } of steps) {
      const field = (value as Record<string, unknown>)[name]
      if (field !== undefined) wire[name] = encode === undefined ? field : encode(field)
    }
    return wire
  }
}

const encodeSession = fieldwise(Contract.Session.fields)
const encodePage = fieldwise(sessionList.data.fields, {
  contents: (sessions: ReadonlyArray<Contract.Session>) => sessions.map(encodeSession),
})

export const writeSessionListBody: BodyWriter<typeof sessionList> = (page, envelope) =>
  JSON.stringify(envelope(encodePage(page)))
