/**
 * Asks live durations one channel at a time, sends them many at a time: concurrent requests are
 * collected into calls of at most `batchSize` channel IDs, and each answer is matched back to its
 * channel. Polyv fails a whole call for one unknown channel (`illegal channel id: <id>`); the
 * batcher fails only that channel's requests and asks again for the rest.
 *
 * @module
 */
import { Effect, Exit, Request, RequestResolver } from "effect"
import type { Call } from "../contract/Endpoint.js"
import { type LiveDuration, liveDurations } from "../contract/liveDurations.js"
import type { CallError } from "../errors/CallError.js"
import { UnexpectedResponse } from "../errors/PolyvError.js"

/** The default number of channel IDs per call. */
export const defaultBatchSize = 50

/** One channel's duration, as a batchable request. */
export class GetLiveDuration extends Request.TaggedClass("GetLiveDuration")<
  { readonly channelId: string },
  LiveDuration,
  CallError
> {}

type Fetch = (channelIds: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<LiveDuration>, CallError>

/** A resolver over `fetch` (one call to the durations endpoint) with at most `batchSize` IDs per call. */
const makeResolver = (fetch: Fetch, batchSize: number) =>
  RequestResolver.make<GetLiveDuration>((entries) =>
    Effect.gen(function*() {
      // Several callers may ask for the same channel: one ID in the call, every caller answered.
      const waiting = new Map<string, Array<(typeof entries)[number]>>()
      for (const entry of entries) {
        const same = waiting.get(entry.request.channelId)
        if (same) same.push(entry)
        else waiting.set(entry.request.channelId, [entry])
      }
      let pending = [...waiting.keys()]
      const settle = (channelId: string, exit: Exit.Exit<LiveDuration, CallError>) => {
        for (const entry of waiting.get(channelId) ?? []) entry.completeUnsafe(exit)
      }
      while (pending.length > 0) {
        const answer = yield* Effect.result(fetch(pending))
        if (answer._tag === "Success") {
          const byChannel = new Map(answer.success.map((d) => [d.channelId, d]))
          for (const channelId of pending) {
            const found = byChannel.get(channelId)
            settle(
              channelId,
              found ? Exit.succeed(found) : Exit.fail(
                new UnexpectedResponse({
                  endpoint: liveDurations.name,
                  httpStatus: 200,
                  message: `the answer has no duration for channel ${channelId}`,
                  body: "",
                }),
              ),
            )
          }
          return
        }
        const error = answer.failure
        if (error._tag === "IllegalChannelId" && pending.includes(error.channelId)) {
          settle(error.channelId, Exit.fail(error))
          pending = pending.filter((id) => id !== error.channelId)
        } else {
          for (const channelId of pending) settle(channelId, Exit.fail(error))
          return
        }
      }
    })
  ).pipe(RequestResolver.batchN(batchSize))

/** Asks the durations of several channels in one call: the durations call. */
type DurationsCall = Call<typeof liveDurations>

/**
 * The client's `liveDuration`: one channel's duration, batched over the client's durations call,
 * the endpoint this feature is built on (the client passes all its calls; this module picks its
 * own). The resolver is made once, here; a request allocates only its `GetLiveDuration`.
 */
export const liveDurationWith = (calls: { readonly liveDurations: DurationsCall }, batchSize: number) => {
  const resolver = makeResolver((channelIds) => calls.liveDurations({ channelIds }), batchSize)
  return (channelId: string): Effect.Effect<LiveDuration, CallError> =>
    Effect.request(new GetLiveDuration({ channelId }), resolver)
}
