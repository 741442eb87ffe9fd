/**
 * The report lifecycle of the export endpoint: the first requests for a session answer "not
 * ready" (as many as `reportPolls`), later ones the download URL. A live session's report stays
 * not ready until it ends; an unknown session's forever, as the real API behaves.
 *
 * @module
 */

export class ReportBook {
  private readonly polls = new Map<string, number>()

  constructor(private readonly notReadyPolls: number) {}

  /** Counts one request for a report and tells whether it is ready now. */
  poll(channelId: string, sessionId: string): boolean {
    const key = `${channelId}/${sessionId}`
    const seen = (this.polls.get(key) ?? 0) + 1
    this.polls.set(key, seen)
    return seen > this.notReadyPolls
  }

  clear(): void {
    this.polls.clear()
  }
}
