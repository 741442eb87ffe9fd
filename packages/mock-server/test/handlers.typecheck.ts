/**
 * Type tests, checked by the typecheck task (`tsc -b tsconfig.test.json`), never run: the handler
 * table must have one entry per endpoint of the contract, each typed by its own endpoint, so an
 * endpoint added to the contract does not compile until the mock can answer it. An
 * `@ts-expect-error` whose line compiles fails the typecheck.
 */
import type { Handlers } from "../src/endpoints/EndpointContext.js"
import { handlers } from "../src/endpoints/index.js"

const { micHistory: _left, ...allButOne } = handlers

// @ts-expect-error the table misses the mic history's handler
export const missingOne: Handlers = allButOne

export const wrongEndpoint: Handlers = {
  ...handlers,
  // @ts-expect-error the session list's handler cannot answer the mic history
  micHistory: handlers.sessionList,
}

export const unknownEndpoint: Handlers = {
  ...handlers,
  // @ts-expect-error no endpoint of the contract is named so
  sessionReplay: handlers.sessionList,
}
