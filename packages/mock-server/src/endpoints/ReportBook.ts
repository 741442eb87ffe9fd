/**
 * The report lifecycle of the export endpoint. The first request for a session starts its
 * report; it is ready either after `polls` more requests answered "not ready" (default 2), or —
 * when `seconds` is set — once that many seconds of mock time have passed since the first
 * request, however many polls came in between. A live session's report stays not ready until it
 * ends, an unknown session's forever, as the real API behaves (the export handler decides those).
 *
 * @example
 * ```ts
 * import { ReportBook } from "@polyv-stats/mock-server"
 *
 * const byPolls = new ReportBook({ polls: 1 })
 * byPolls.poll("1", "s", 0) // false: the report starts
 * byPolls.poll("1", "s", 0) // true
 * const byTime = new ReportBook({ polls: 1, seconds: 30 })
 * byTime.poll("1", "s", 0)       // false
 * byTime.poll("1", "s", 30_000)  // true
 * ```
 * @module
 */
import type { ReportTiming } from "../world/Account.js"

export type { ReportTiming }

interface Report {
  readonly startedAt: number
  polls: number
}

export class ReportBook {
  private readonly reports = new Map<string, Report>()

  constructor(private readonly timing: ReportTiming) {}

  /**
   * Counts one request for a session's report at `now`, and tells whether it is ready: by the
   * session's own `timing` when its world gives one, else by the book's.
   */
  poll(channelId: string, sessionId: string, now: number, timing: ReportTiming = this.timing): boolean {
    const key = `${channelId}/${sessionId}`
    let report = this.reports.get(key)
    if (report === undefined) {
      report = { startedAt: now, polls: 0 }
      this.reports.set(key, report)
    }
    report.polls++
    return timing.seconds === undefined
      ? report.polls > timing.polls
      : now - report.startedAt >= timing.seconds * 1000
  }

  clear(): void {
    this.reports.clear()
  }
}
