import type { Contract } from "@polyv-stats/core"
import { Schema } from "effect"
import type { ResolvedOptions } from "../MockOptions.js"
import type { Outcome } from "../protocol/Outcome.js"
import type { World } from "../world/World.js"
import type { EndedDurations } from "./EndedDurations.js"
import type { ReportBook } from "./ReportBook.js"

/**
 * What a handler may read besides the request: the world, the mock's options, its reports. The
 * same for every request of a mock (made once with it); the request's own clock reading is the
 * handler's `now` argument.
 */
export interface EndpointContext {
  readonly world: World
  readonly options: ResolvedOptions
  readonly reports: ReportBook
  /** The channels' ended durations, summed once per history (see `EndedDurations.ts`). */
  readonly durations: EndedDurations
}

/**
 * An endpoint's behaviour, typed by its contract. `now` is the data's now (`PolyvMock.now`, read
 * once for the request): every default derived from "now" reads this, never the real clock,
 * which may differ (`timestampClock`, `--real-clock`).
 */
export type Handler<E extends Contract.AnyEndpoint> = (
  params: Contract.ParamsOf<E>,
  context: EndpointContext,
  now: number,
) => Outcome<Contract.DataOf<E>>

/**
 * Writes an endpoint's success body itself, instead of `JSON.stringify` of `envelope` around the
 * contract's encoding of `data`; it must give the same bytes (the session list's, faster: see
 * `SessionListBody.ts`).
 */
export type BodyWriter<E extends Contract.AnyEndpoint> = (
  data: Contract.DataOf<E>,
  envelope: (wire: unknown) => unknown,
) => string

/**
 * The plain body writer of `endpoint`: `JSON.stringify` of the envelope around the contract's
 * encoding of the data (its encoder compiled once, here). Every endpoint without a writer of its
 * own answers with it, and a writer of its own must give its bytes.
 */
export const plainBody = <E extends Contract.AnyEndpoint>(endpoint: E): BodyWriter<E> => {
  const encode = Schema.encodeSync(endpoint.data as Schema.Codec<Contract.DataOf<E>, unknown>)
  return (data, envelope) => JSON.stringify(envelope(encode(data)))
}

/** What the mock does for one endpoint: decides with `handle`, answers with `writeBody` where it has its own. */
export interface EndpointHandler<E extends Contract.AnyEndpoint> {
  readonly handle: Handler<E>
  /** Default: `JSON.stringify` of the envelope around the contract's encoding of `data`. */
  readonly writeBody?: BodyWriter<E> | undefined
}

/**
 * One handler per endpoint of the contract, keyed by its name: an endpoint added to
 * `Contract.EndpointsByName` does not compile until the handler table (`index.ts`) has its entry.
 */
export type Handlers = { readonly [K in keyof Contract.EndpointsByName]: EndpointHandler<Contract.EndpointsByName[K]> }
