/**
 * The `.xlsx` a report URL downloads: one readable sheet with the session's figures, built with
 * exceljs so any spreadsheet program opens it. Times are China time (UTC+8), as on Polyv's wire,
 * written as text so no program shifts them into its own zone.
 *
 * The file is the same bytes for the same session: the workbook's dates are the session's end
 * and the zip entries' timestamps are fixed (JSZip would stamp the current time), so a download
 * is as deterministic as every other answer of the mock.
 *
 * @example
 * ```ts
 * import { ReportWorkbook, World } from "@polyv-stats/mock-server"
 *
 * const world = new World("docs", Date.parse("2026-01-01T00:00:00Z"))
 * const session = world.sessions(world.channels[1]!)[0]!
 * const bytes = await ReportWorkbook.build(session) // Uint8Array of an .xlsx
 * ```
 * @module
 */
import { ChinaTime } from "@polyv-stats/core"
import type { WorldSession } from "../world/Account.js"

/** The sheet's name. */
export const sheetName = "Session report"

/** The MIME type of an .xlsx file. */
export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/** The labels of the figures, in sheet order (column A; the values are in column B). */
export const labels = {
  sessionId: "Session ID",
  channelId: "Channel ID",
  userId: "User ID",
  startTime: "Start (China time)",
  endTime: "End (China time)",
  durationSeconds: "Duration (seconds)",
  duration: "Duration (h:mm:ss)",
  peakViewers: "Peak concurrent viewers",
  peakAt: "Peak at (China time)",
  micMinutes: "Co-host (连麦) minutes",
} as const

const hms = (seconds: number) => {
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`
}

/** The figures of an ended session, as the sheet shows them. */
export const figures = (session: WorldSession): ReadonlyArray<readonly [string, string | number]> => {
  const end = session.endTime ?? session.startTime
  const seconds = Math.round((end - session.startTime) / 1000)
  return [
    [labels.sessionId, session.sessionId],
    [labels.channelId, session.channelId],
    [labels.userId, session.userId],
    [labels.startTime, ChinaTime.formatDateTime(session.startTime)],
    [labels.endTime, session.endTime === null ? "" : ChinaTime.formatDateTime(session.endTime)],
    [labels.durationSeconds, seconds],
    [labels.duration, hms(seconds)],
    [labels.peakViewers, session.peakViewers],
    [labels.peakAt, ChinaTime.formatDateTime(session.peakAt)],
    [labels.micMinutes, session.micMinutes],
  ]
}

/** Builds the report of a session. */
export const build = async (session: WorldSession): Promise<Uint8Array> => {
  // Loaded on first download: exceljs is large, and the CLI that embeds the mock should not pay
  // for it at start-up.
  const { default: ExcelJS } = await import("exceljs")
  const stamp = new Date(session.endTime ?? session.startTime)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "polyv-stats mock"
  workbook.created = stamp
  workbook.modified = stamp
  const sheet = workbook.addWorksheet(sheetName)
  sheet.columns = [{ width: 28 }, { width: 32 }]
  const title = sheet.addRow([`Polyv session report — ${session.sessionId}`])
  title.font = { bold: true, size: 14 }
  sheet.addRow([])
  for (const [label, value] of figures(session)) {
    const row = sheet.addRow([label, value])
    row.getCell(1).font = { bold: true }
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
  return fixZipTimes(bytes, stamp)
}

/** Sets every zip entry's DOS date and time (local headers and central directory) to `at` (UTC). */
export const fixZipTimes = (zip: Uint8Array, at: Date): Uint8Array => {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1)
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()
  let offset = 0
  // Local file headers: 30 fixed bytes, name, extra field, then the compressed data.
  while (offset + 30 <= zip.length && view.getUint32(offset, true) === 0x04034b50) {
    view.setUint16(offset + 10, time, true)
    view.setUint16(offset + 12, date, true)
    offset += 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true) +
      view.getUint32(offset + 18, true)
  }
  // Central directory: 46 fixed bytes, name, extra field, comment.
  while (offset + 46 <= zip.length && view.getUint32(offset, true) === 0x02014b50) {
    view.setUint16(offset + 12, time, true)
    view.setUint16(offset + 14, date, true)
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true)
  }
  return zip
}
