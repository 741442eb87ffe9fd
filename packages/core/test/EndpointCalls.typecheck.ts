/**
 * Type tests, checked by the typecheck task (`tsc -b tsconfig.test.json`), never run: the methods
 * derived from the contract are typed by their own endpoint, not erased to any endpoint's types.
 * An `@ts-expect-error` whose line compiles fails the typecheck.
 */
import type { Contract, PolyvClientService, PromisePolyvClient } from "../src/index.js"

export const misusesOfTheEffectClient = (polyv: PolyvClientService) => [
  // @ts-expect-error the session list needs its channelId
  polyv.sessionList({}),
  // @ts-expect-error the durations call takes channel IDs, not one channel
  polyv.liveDurations({ channelId: "2659445" }),
]

export const misusesOfThePromiseClient = (polyv: PromisePolyvClient) => [
  // @ts-expect-error the session list needs its channelId
  polyv.sessionList({}),
  // @ts-expect-error the export resolves to the URL, a string
  async (): Promise<number> => polyv.exportReport({ channelId: "2659445", sessionId: "fv3ma84e63" }),
]

/** Both clients have one method per endpoint of the contract, and no endpoint is left out. */
export const everyEndpointIsAMethod = (
  effect: PolyvClientService,
  promise: PromisePolyvClient,
): ReadonlyArray<{ readonly [K in Contract.EndpointName]: unknown }> => [effect, promise]
