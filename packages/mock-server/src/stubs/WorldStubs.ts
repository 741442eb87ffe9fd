/**
 * A world file with its stubs: the account, checked by the world's schema, and the optional
 * `stubs` key, checked as a `--stubs` file's list is (decoded and made, so a stub that could not
 * answer is refused). Every problem of both comes back together, each with its path
 * (`stubs[0].answers[1].failure: …`), so a file is refused whole. It lives here, not in `world/`,
 * because the world does not depend on stubs.
 *
 * @example
 * ```ts
 * import { decodeWorldWithStubs } from "@polyv-stats/mock-server"
 *
 * const read = decodeWorldWithStubs({
 *   users: ["1b448be323"],
 *   channels: [],
 *   stubs: [{ endpoint: "micHistory", answers: [{ failure: "RateLimited" }] }],
 * })
 * read._tag // "World": read.stubs holds the one stub
 * ```
 * @module
 */
import { Result, Schema } from "effect"
import { decodeWorldFile, jsonSchema, type WorldFile, WorldFileError } from "../world/WorldFile.js"
import { type AnyStubSpec, problemLines } from "./Stub.js"
import { checkedStubs, StubJson } from "./StubFile.js"

/** A world file that passed, with its stubs ready to add; or every problem, one a line. */
export type DecodedWithStubs =
  | { readonly _tag: "World"; readonly world: WorldFile; readonly stubs: ReadonlyArray<AnyStubSpec> }
  | { readonly _tag: "Problems"; readonly problems: ReadonlyArray<string> }

const stubsOf = (input: unknown): Result.Result<ReadonlyArray<AnyStubSpec>, ReadonlyArray<string>> => {
  const given = typeof input === "object" && input !== null ? (input as { stubs?: unknown }).stubs : undefined
  if (given === undefined) return Result.succeed([])
  return Result.mapError(checkedStubs(given), problemLines)
}

/** Decodes a world file (parsed JSON) and its stubs: both, or every problem of either. */
export const decodeWorldWithStubs = (input: unknown): DecodedWithStubs => {
  const world = decodeWorldFile(input)
  const stubs = stubsOf(input)
  if (world._tag === "World" && Result.isSuccess(stubs)) {
    return { _tag: "World", world: world.world, stubs: stubs.success }
  }
  return {
    _tag: "Problems",
    problems: [
      ...(world._tag === "Problems" ? world.problems : []),
      ...(Result.isFailure(stubs) ? stubs.failure : []),
    ],
  }
}

/** The checked world and its stubs, or a `WorldFileError` listing every problem (`source` names what was read). */
export const worldWithStubsOrThrow = (
  input: unknown,
  source = "the world",
): { readonly world: WorldFile; readonly stubs: ReadonlyArray<AnyStubSpec> } => {
  const decoded = decodeWorldWithStubs(input)
  if (decoded._tag === "Problems") throw new WorldFileError({ problems: decoded.problems, source })
  return decoded
}

/**
 * The JSON Schema of a world file for editors (`world.schema.json`, written at build): the world's
 * own, with its `stubs` described by the stubs' schema ({@link StubJson}).
 */
export const worldJsonSchema = (): object => {
  const world = jsonSchema() as { properties: { stubs: object } }
  const stubs = Schema.toJsonSchemaDocument(StubJson, { onExcessProperty: "error" })
  if (Object.keys(stubs.definitions).length > 0) throw new Error("the stubs' JSON Schema has definitions to merge")
  return { ...world, properties: { ...world.properties, stubs: { ...world.properties.stubs, items: stubs.schema } } }
}
