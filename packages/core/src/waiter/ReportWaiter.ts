/**
 * Waits for a session report: polls the export endpoint while it answers "Report is not ready
 * yet…", on a schedule, until the URL comes back or the deadline passes. Polyv answers "not
 * ready" for an unknown session too, forever — so the deadline is not optional, only its length.
 *
 * @example
 * ```ts
 * import { Console, Effect, Duration } from "effect"
 * import { PolyvClient } from "@polyv-stats/core"
 *
 * const url = PolyvClient.use((polyv) =>
 *   polyv.waitForReport("2272655", "g9lv2ghv2x", {
 *     deadline: "5 minutes",
 *     onProgress: (p) => Console.error(`attempt ${p.attempt}, next poll in ${Duration.format(p.nextDelay)}`),
 *   })
 * )
 * ```
 * @module
 */
import { Clock, Data, Duration, Effect, Option, Pull, Schedule } from "effect"
import type { Call } from "../contract/Endpoint.js"
import type { exportReport } from "../contract/exportReport.js"
import type { CallError } from "../errors/CallError.js"
import type { ReportNotReady } from "../errors/PolyvError.js"

/** The report was still not ready when the deadline passed. */
export class ReportWaitTimedOut extends Data.TaggedError("ReportWaitTimedOut")<{
  readonly channelId: string
  readonly sessionId: string
  /** Polls made. */
  readonly attempts: number
  readonly elapsedMillis: number
  readonly message: string
}> {}

/** Reported after each "not ready" answer. */
export interface WaitProgress {
  readonly attempt: number
  readonly elapsed: Duration.Duration
  readonly nextDelay: Duration.Duration
}

export interface WaitOptions {
  /** Delays between polls. Default {@link defaultWaitSchedule}. When it ends, the wait times out. */
  readonly schedule?: Schedule.Schedule<unknown, ReportNotReady> | undefined
  /** Default {@link defaultDeadline}. The last poll happens at the deadline at the latest. */
  readonly deadline?: Duration.Input | undefined
  /** Called after each "not ready" answer, before the wait. */
  readonly onProgress?: ((progress: WaitProgress) => Effect.Effect<void>) | undefined
}

export const defaultDeadline = Duration.minutes(10)

/** The default schedule's first wait between polls; each next one doubles. */
export const firstPollDelay = Duration.seconds(2)

/** The default schedule's longest wait between polls. */
export const maxPollDelay = Duration.seconds(30)

/** From {@link firstPollDelay}, doubling, jittered, each wait at most {@link maxPollDelay}. */
export const defaultWaitSchedule: Schedule.Schedule<unknown, ReportNotReady> = Schedule.exponential(firstPollDelay)
  .pipe(
    Schedule.setInputType<ReportNotReady>(),
    Schedule.jittered,
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, maxPollDelay))),
  )

/** Asks for one session's report URL once: the export call. */
type ExportCall = Call<typeof exportReport>

/** Waits for one session's report URL, using `exportReport` for each poll. */
export const waitForReport = (
  exportReport: ExportCall,
  channelId: string,
  sessionId: string,
  options: WaitOptions = {},
): Effect.Effect<string, CallError | ReportWaitTimedOut> =>
  Effect.gen(function*() {
    const deadline = Duration.toMillis(Duration.fromInputUnsafe(options.deadline ?? defaultDeadline))
    const step = yield* Schedule.toStep(options.schedule ?? defaultWaitSchedule)
    const start = yield* Clock.currentTimeMillis
    for (let attempt = 1;; attempt++) {
      const answer = yield* Effect.result(exportReport({ channelId, sessionId }))
      if (answer._tag === "Success") return answer.success
      if (answer.failure._tag !== "ReportNotReady") return yield* Effect.fail(answer.failure)
      const now = yield* Clock.currentTimeMillis
      const elapsed = now - start
      const planned = yield* step(now, answer.failure).pipe(
        Effect.map(([, delay]) => Option.some(Duration.toMillis(delay))),
        Pull.catchDone(() => Effect.succeed(Option.none<number>())),
      )
      if (Option.isNone(planned) || elapsed >= deadline) {
        return yield* new ReportWaitTimedOut({
          channelId,
          sessionId,
          attempts: attempt,
          elapsedMillis: elapsed,
          message: `the report for session ${sessionId} of channel ${channelId} was not ready after ${attempt} ${
            attempt === 1 ? "poll" : "polls"
          } in ${Duration.format(Duration.millis(elapsed))}`,
        })
      }
      // Whole milliseconds: jitter makes fractional delays, and the last poll must land on the deadline.
      const nextDelay = Duration.millis(Math.ceil(Math.min(planned.value, deadline - elapsed)))
      if (options.onProgress) {
        yield* options.onProgress({ attempt, elapsed: Duration.millis(elapsed), nextDelay })
      }
      yield* Effect.sleep(nextDelay)
    }
  })

/**
 * The client's `waitForReport`: {@link waitForReport} over the client's export call, the endpoint
 * this feature is built on (the client passes all its calls; this module picks its own).
 */
export const waitForReportWith = (calls: { readonly exportReport: ExportCall }) =>
(
  channelId: string,
  sessionId: string,
  options?: WaitOptions,
): Effect.Effect<string, CallError | ReportWaitTimedOut> =>
  waitForReport(calls.exportReport, channelId, sessionId, options)
