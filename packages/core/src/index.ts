/**
 * `@polyv-stats/core` — an Effect client for Polyv's live-statistics APIs.
 *
 * @module
 */
export { defaultBatchSize } from "./batching/LiveDurationBatcher.js"
export { credentialsConfig, credentialsEnv, defaultBaseUrl, make, PolyvClient } from "./client/PolyvClient.js"
export type {
  Call,
  ClientSettings,
  EndpointCalls,
  PolyvClientOptions,
  PolyvClientService,
} from "./client/PolyvClient.js"
export * as RequestSigning from "./client/RequestSigning.js"
export * as Contract from "./contract.js"
export * as Envelope from "./envelope/Envelope.js"
export * as ApiFailures from "./errors/ApiFailures.js"
export type { CallError } from "./errors/CallError.js"
export * from "./errors/InvalidParameter.js"
export * from "./errors/PolyvError.js"
export * as AtomicFile from "./files/AtomicFile.js"
export { FileWriteError } from "./files/FileWriteError.js"
export * as Pacing from "./pacing/Pacing.js"
export type { SessionsOptions } from "./pagination/SessionStream.js"
export * as SessionWindows from "./pagination/SessionWindows.js"
export {
  createPolyvClient,
  type PromiseCalls,
  type PromiseClientOptions,
  type PromisePolyvClient,
} from "./promise/PromiseClient.js"
export * as RetryPolicy from "./retry/RetryPolicy.js"
export * as Signer from "./signing/Signer.js"
export * as Calendar from "./time/Calendar.js"
export * as ChinaTime from "./time/ChinaTime.js"
export * as AnswerLimit from "./transport/AnswerLimit.js"
export { BufferedResponse } from "./transport/BufferedResponse.js"
export * as FailureText from "./transport/FailureText.js"
export * as NodeTransport from "./transport/NodeTransport.js"
export * as OutgoingRequest from "./transport/OutgoingRequest.js"
export type { DownloadProgress } from "./waiter/ReportDownload.js"
export { endpoint as reportDownloadEndpoint } from "./waiter/ReportDownload.js"
export {
  defaultDeadline,
  defaultWaitSchedule,
  firstPollDelay,
  maxPollDelay,
  ReportWaitTimedOut,
} from "./waiter/ReportWaiter.js"
export type { WaitOptions, WaitProgress } from "./waiter/ReportWaiter.js"
