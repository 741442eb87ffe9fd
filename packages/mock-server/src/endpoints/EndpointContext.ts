import type { Contract } from "@polyv-stats/core"
import type { ResolvedOptions } from "../MockOptions.js"
import type { Outcome } from "../protocol/Outcome.js"
import type { World } from "../world/World.js"
import type { ReportBook } from "./ReportBook.js"

/** What a handler may read: the world, the mock's clock reading for this request, its options. */
export interface EndpointContext {
  readonly world: World
  /**
   * The data's now (`PolyvMock.now`): every default derived from "now" reads this, never the real
   * clock, which may differ (`timestampClock`, `--real-clock`).
   */
  readonly now: number
  readonly options: ResolvedOptions
  readonly reports: ReportBook
}

/** An endpoint's behaviour, typed by its contract. */
export type Handler<E extends Contract.AnyEndpoint> = (
  params: Contract.ParamsOf<E>,
  context: EndpointContext,
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
