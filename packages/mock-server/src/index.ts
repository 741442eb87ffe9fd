/**
 * `@polyv-stats/mock-server` — an offline Polyv for tests, demos and contract checks.
 *
 * @module
 */
export * as MockLayer from "./adapters/MockLayer.js"
export { maxBodyBytes, type RunningMock, type ServeOptions, startServer } from "./adapters/NodeServer.js"
export * as MockCommand from "./cli/MockCommand.js"
export { paginate } from "./endpoints/Paging.js"
export { defaultSeed, demoCredentials, type MockOptions, timestampWindowMillis } from "./MockOptions.js"
export { PolyvMock } from "./PolyvMock.js"
export { type Channel, World, type WorldSession } from "./world/World.js"
