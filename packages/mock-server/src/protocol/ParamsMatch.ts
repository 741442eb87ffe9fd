/**
 * A partial of an endpoint's decoded parameters, and whether a request's parameters match it:
 * deep-equal on every key it gives (decoded values: a `Date` equals a `Date` of the same instant,
 * `2` is not `"2"`). `mock.calls(endpoint, match)` filters with it and a stub picks its requests
 * with it, so "matches" means one thing in both.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util"

/** The entries of a match, worked out once (a stub is matched on every request to its endpoint). */
export type ParamsMatch = ReadonlyArray<readonly [string, unknown]>

export const paramsMatch = (match: object | undefined): ParamsMatch => match === undefined ? [] : Object.entries(match)

/** Every key of `match` deep-equals that parameter's decoded value; an empty match takes anything. */
export const matchesParams = (match: ParamsMatch, params: object): boolean => {
  const given = params as Record<string, unknown>
  for (const [key, value] of match) if (!isDeepStrictEqual(given[key], value)) return false
  return true
}
