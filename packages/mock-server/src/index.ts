/**
 * `@polyv-stats/mock-server` — an offline Polyv for tests, demos and contract checks.
 *
 * @module
 */
export * as MockLayer from "./adapters/MockLayer.js"
export {
  defaultRequestTimeoutMillis,
  maxBodyBytes,
  maxDiscardBytes,
  maxDiscardMillis,
  maxRequestTimeoutMillis,
  type RunningMock,
  type ServeOptions,
  startServer,
} from "./adapters/NodeServer.js"
export { adminPrefix, type AdminTarget } from "./admin/AdminApi.js"
export * as AdminGate from "./admin/AdminGate.js"
export * as Exposure from "./admin/Exposure.js"
export * as Cassette from "./cassette/Cassette.js"
export { worldFromCassette } from "./cassette/CassetteWorld.js"
export {
  defaultUpstreamTimeoutMillis,
  type RecorderOptions,
  type RunningRecorder,
  startRecorder,
} from "./cassette/Recorder.js"
export * as Replay from "./cassette/Replay.js"
export { expectedUpstream, parseUpstream } from "./cassette/Upstream.js"
export { CheckedOptions } from "./CheckedOptions.js"
export * as BrokenOutput from "./cli/BrokenOutput.js"
export { ListenError, listenError } from "./cli/ListenError.js"
export * as MockCommand from "./cli/MockCommand.js"
export { printable, printableLines } from "./cli/Printable.js"
export { checkWizard } from "./cli/Wizard.js"
export * as ClockRange from "./clock/ClockRange.js"
export { MockClock, parseInstant } from "./clock/MockClock.js"
export { ReportBook, type ReportTiming } from "./endpoints/ReportBook.js"
export {
  defaultFaultConfig,
  type FaultConfig,
  faultHeader,
  FaultInjector,
  type FaultKind,
  faultKinds,
  maxLatencyMillis,
} from "./faults/FaultInjector.js"
export { callsIn, type RecordedCall } from "./journal/Calls.js"
export {
  type AnsweredBy,
  defaultJournalSize,
  Journal,
  type JournalEntry,
  type JournalOutcome,
  maxJournalSize,
} from "./journal/Journal.js"
export { type Unexpected, unexpectedIn } from "./journal/Unexpected.js"
export {
  defaultReportPolls,
  defaultSeed,
  demoCredentials,
  type MockOptions,
  timestampWindowMillis,
} from "./MockOptions.js"
export * as OpenApi from "./openapi/OpenApi.js"
export { PolyvMock } from "./PolyvMock.js"
export { NonceBook } from "./protocol/NonceBook.js"
export { unexpectedPrefix, unexpectedStatus } from "./protocol/OwnError.js"
export { SecretRedactor } from "./protocol/SecretRedactor.js"
export { polyvRateLimit, type RateLimit, RateLimiter } from "./ratelimit/RateLimiter.js"
export { defaultReportFilesKept, ReportFiles } from "./reports/ReportFiles.js"
export * as ReportLinks from "./reports/ReportLinks.js"
export * as ReportWorkbook from "./reports/ReportWorkbook.js"
export {
  type AnyStubSpec,
  type FailureOf,
  makeStub,
  maxTimes,
  type StubAnswer,
  type StubProblem,
  type StubSpec,
  type Times,
} from "./stubs/Stub.js"
export { StubBook, type StubHandle, type StubListing } from "./stubs/StubBook.js"
export { readStubs, StubJson, StubsFile } from "./stubs/StubFile.js"
export {
  type DecodedWithStubs,
  decodeWorldWithStubs,
  worldJsonSchema,
  worldWithStubsOrThrow,
} from "./stubs/WorldStubs.js"
export { type MockHandle, withMock } from "./testing/withMock.js"
export type { Channel, WorldSession } from "./world/Account.js"
export { builtInWorlds, polyvExamples } from "./world/PolyvExamples.js"
export { World, type WorldSize } from "./world/World.js"
export { WorldBuilder, worldBuilder, type WorldSettings } from "./world/WorldBuilder.js"
export * as WorldFile from "./world/WorldFile.js"
export { WorldFileError } from "./world/WorldFile.js"
