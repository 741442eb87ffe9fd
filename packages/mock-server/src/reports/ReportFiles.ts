/**
 * The report files a mock has built, kept: a session's `.xlsx` is the same bytes on every download
 * (see {@link ReportWorkbook}), and building one costs milliseconds of CPU and a burst of memory,
 * so a client downloading the same report again and again (or thousands of pipelined downloads)
 * must not rebuild it each time. The most recently downloaded `capacity` files are kept (a few KB
 * each); concurrent downloads of one file share one build; a failed build is not kept.
 *
 * Each mock owns its own files: no module-level state.
 *
 * @example
 * ```ts
 * import { ReportFiles, World } from "@polyv-stats/mock-server"
 *
 * const world = new World("docs", Date.parse("2026-01-01T00:00:00Z"))
 * const files = new ReportFiles()
 * const session = world.sessions(world.channels[1]!)[0]!
 * const bytes = await files.bytes(session) // built once; the same bytes from then on
 * ```
 * @module
 */
import type { WorldSession } from "../world/Account.js"
import { LruCache } from "../world/LruCache.js"
import * as ReportWorkbook from "./ReportWorkbook.js"

/** How many report files a mock keeps unless told otherwise. */
export const defaultReportFilesKept = 64

export class ReportFiles {
  private readonly files: LruCache<string, Promise<Uint8Array>>

  constructor(
    readonly capacity: number = defaultReportFilesKept,
    private readonly build: (session: WorldSession) => Promise<Uint8Array> = ReportWorkbook.build,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("ReportFiles keeps at least one file")
    this.files = new LruCache(capacity)
  }

  /** The session's report file: built on first request, then kept while it is among the most recent. */
  bytes(session: WorldSession): Promise<Uint8Array> {
    const key = `${session.channelId}/${session.sessionId}`
    return this.files.getOrCreate(key, () => {
      const building = this.build(session)
      building.catch(() => this.files.delete(key))
      return building
    })
  }

  /** How many files are kept now. */
  get size(): number {
    return this.files.size
  }
}
