/**
 * The contract: every endpoint described once. See `contract/` for one module per endpoint, and
 * `contract/index.ts` for the one list of them.
 *
 * @module
 */
export * from "./contract/Endpoint.js"
export * from "./contract/index.js"
export * from "./contract/ParamsEncoding.js"
export * as WebUrl from "./contract/WebUrl.js"
export * as WireTypes from "./contract/WireTypes.js"
