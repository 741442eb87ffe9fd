/**
 * Every session of a channel in a date range, as a `Stream`: the range is split into 60-day
 * windows (newest first) and each window is read page by page. Memory stays at one page,
 * whatever the number of sessions.
 *
 * @module
 */
import { Clock, Effect, Option, Result, Stream } from "effect"
import type { Call } from "../contract/Endpoint.js"
import { encodeParamsResult } from "../contract/ParamsEncoding.js"
import type { Session, SessionPage } from "../contract/sessionList.js"
import { defaultPageSize, sessionList } from "../contract/sessionList.js"
import type { CallError } from "../errors/CallError.js"
import { InvalidParameter } from "../errors/InvalidParameter.js"
import { maxSpan, splitWindows, type Window } from "./SessionWindows.js"

/** Which sessions to walk. */
export interface SessionsOptions {
  /** Default: 60 days before `to`. */
  readonly from?: Date | undefined
  /** Included. Default: now. */
  readonly to?: Date | undefined
  /** Default 20, the endpoint's own default. */
  readonly pageSize?: number | undefined
}

/** Reads one page of one window: the session-list call. */
export type PageReader = Call<typeof sessionList>

/**
 * Whether a page is the last. Trusts `lastPage`, but also stops at `totalPages` and at an empty
 * page, so a server that never says `lastPage` cannot loop forever.
 */
export const isLastPage = (page: SessionPage, pageNumber: number): boolean =>
  page.lastPage || pageNumber >= page.totalPages || page.contents.length === 0

const pagesOf = (read: PageReader, channelId: string, window: Window, pageSize: number) =>
  Stream.paginate(
    1,
    (pageNumber: number) =>
      read({ channelId, startDate: new Date(window.from), endDate: new Date(window.to), page: pageNumber, pageSize })
        .pipe(
          Effect.map((page) =>
            [page.contents, isLastPage(page, pageNumber) ? Option.none() : Option.some(pageNumber + 1)] as const
          ),
        ),
  )

/** The sessions of `channelId` within the options' range, newest first, across windows and pages. */
export const sessionStream = (
  read: PageReader,
  channelId: string,
  options: SessionsOptions = {},
): Stream.Stream<Session, CallError> =>
  Stream.unwrap(Effect.gen(function*() {
    const to = options.to?.getTime() ?? (yield* Clock.currentTimeMillis)
    const from = options.from?.getTime() ?? to - maxSpan
    if (from > to) {
      return yield* new InvalidParameter({
        endpoint: sessionList.name,
        message: `invalid range for sessions: from (${new Date(from).toISOString()}) is after to (${
          new Date(to).toISOString()
        })`,
      })
    }
    const pageSize = options.pageSize ?? defaultPageSize
    // The whole range is checked as the first page would send it, before the walk: a range from
    // year 0 is refused at once, not after the thousands of windows it splits into.
    const range = encodeParamsResult(sessionList, {
      channelId,
      startDate: new Date(from),
      endDate: new Date(to),
      pageSize,
    })
    if (Result.isFailure(range)) return yield* range.failure
    return Stream.fromIterable(splitWindows(from, to)).pipe(
      Stream.flatMap((window) => pagesOf(read, channelId, window, pageSize)),
    )
  }))

/**
 * The client's `sessions`: {@link sessionStream} over the client's session-list call, the endpoint
 * this feature is built on (the client passes all its calls; this module picks its own).
 */
export const sessionsWith =
  (calls: { readonly sessionList: PageReader }) =>
  (channelId: string, options?: SessionsOptions): Stream.Stream<Session, CallError> =>
    sessionStream(calls.sessionList, channelId, options)
