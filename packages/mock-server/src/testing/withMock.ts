/**
 * A test helper: the mock on a real socket at port 0 for the life of a test file, with no test
 * framework imported here — hand its `start` and `stop` to `beforeAll` and `afterAll`.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, it } from "vitest"
 * import { withMock } from "@polyv-stats/mock-server"
 *
 * const mock = withMock({ seed: "my-tests" })
 * beforeAll(mock.start)
 * afterAll(mock.stop)
 * it("lists sessions", async () => {
 *   const response = await fetch(`${mock.url}/__mock/world`)
 * })
 * ```
 * @module
 */
import { type RunningMock, type ServeOptions, startServer } from "../adapters/NodeServer.js"
import type { PolyvMock } from "../PolyvMock.js"

export interface MockHandle {
  /** Starts the mock (port 0 unless `options.port` says otherwise); resolves once it listens. */
  readonly start: () => Promise<RunningMock>
  /** Closes it; safe to call when it never started. */
  readonly stop: () => Promise<void>
  /** Its URL; throws before `start`. */
  readonly url: string
  /** The mock itself (world, journal, clock); throws before `start`. */
  readonly mock: PolyvMock
}

export const withMock = (options: ServeOptions = {}): MockHandle => {
  let running: RunningMock | undefined
  const current = () => {
    if (!running) throw new Error("the mock is not running: call start() first (e.g. beforeAll(mock.start))")
    return running
  }
  return {
    start: async () => {
      running ??= await startServer({ port: 0, ...options })
      return running
    },
    stop: async () => {
      const closing = running
      running = undefined
      await closing?.close()
    },
    get url() {
      return current().url
    },
    get mock() {
      return current().mock
    },
  }
}
