/**
 * `@polyv-stats/core` — an Effect client for Polyv's live-statistics APIs.
 *
 * @module
 */
export { defaultBaseUrl, defaultConfig, make, PolyvClient } from "./client/PolyvClient.js"
export type { Call, CallError, PolyvClientOptions, PolyvClientService } from "./client/PolyvClient.js"
export * as RequestSigning from "./client/RequestSigning.js"
export * as Contract from "./contract.js"
export * as Envelope from "./envelope/Envelope.js"
export * as ApiFailures from "./errors/ApiFailures.js"
export * from "./errors/InvalidParameter.js"
export * from "./errors/PolyvError.js"
export * as Signer from "./signing/Signer.js"
export * as ChinaTime from "./time/ChinaTime.js"
