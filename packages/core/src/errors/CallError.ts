/**
 * What any call of the client can fail with. Its own module, below the client: retries,
 * pagination, the report waiter and the batcher all speak of it without importing the client.
 *
 * @module
 */
import type { InvalidParameter } from "./InvalidParameter.js"
import type { PolyvError } from "./PolyvError.js"

/**
 * What a call can fail with: a failure Polyv reported or no usable answer (`PolyvError`), or a
 * parameter refused before anything was sent (`InvalidParameter`).
 */
export type CallError = PolyvError | InvalidParameter
