/**
 * The `.xlsx` a report URL downloads: one readable sheet with the session's figures, in the
 * smallest SpreadsheetML package every spreadsheet program opens (a workbook, one sheet of
 * inline strings and numbers, a style sheet for the bold labels, the document's creator and
 * dates), zipped by `Zip.ts`. Written here rather than with a spreadsheet library: the CLI embeds
 * the mock, and such a library was nine tenths of what installing the CLI fetched. The tests read
 * the file back with exceljs, so it stays a workbook a real reader accepts.
 *
 * Times are China time (UTC+8), as on Polyv's wire, written as text so no program shifts them into
 * its own zone. The file is the same bytes for the same session: the workbook's dates and the zip
 * entries' timestamps are the session's end, so a download is as deterministic as every other
 * answer of the mock.
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
import * as Zip from "./Zip.js"

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

/** Text for XML: the five markup characters escaped, and characters XML 1.0 forbids dropped. */
const xmlText = (text: string): string =>
  text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(
    /[&<>"']/g,
    (c) => `&${({ "&": "amp", "<": "lt", ">": "gt", "\"": "quot", "'": "apos" })[c]};`,
  )

const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`
const spreadsheetml = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

/** Cell styles (`s` attributes), indexes into the style sheet's `cellXfs` below. */
const style = { plain: 0, label: 1, title: 2 } as const

const cell = (ref: string, value: string | number, s: number): string =>
  typeof value === "number"
    ? `<c r="${ref}"${s ? ` s="${s}"` : ""}><v>${value}</v></c>`
    : `<c r="${ref}" t="inlineStr"${s ? ` s="${s}"` : ""}><is><t>${xmlText(value)}</t></is></c>`

const sheet = (session: WorldSession): string => {
  const rows = [
    `<row r="1">${cell("A1", `Polyv session report — ${session.sessionId}`, style.title)}</row>`,
    ...figures(session).map(([label, value], i) =>
      `<row r="${i + 3}">${cell(`A${i + 3}`, label, style.label)}${cell(`B${i + 3}`, value, style.plain)}</row>`
    ),
  ]
  return `${xmlDeclaration}<worksheet xmlns="${spreadsheetml}">` +
    `<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="2" width="32" customWidth="1"/></cols>` +
    `<sheetData>${rows.join("")}</sheetData></worksheet>`
}

const font = (bold: boolean, size: number) =>
  `<font>${bold ? "<b/>" : ""}<sz val="${size}"/><name val="Calibri"/></font>`

// Fills and borders are required, the first two fills fixed by the format (none, gray125).
const styles = `${xmlDeclaration}<styleSheet xmlns="${spreadsheetml}">` +
  `<fonts count="3">${font(false, 11)}${font(true, 11)}${font(true, 14)}</fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`

const workbook = `${xmlDeclaration}<workbook xmlns="${spreadsheetml}" xmlns:r="${relationships}">` +
  `<sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`

const relationshipsOf = (targets: ReadonlyArray<readonly [type: string, target: string]>) =>
  `${xmlDeclaration}<Relationships xmlns="${packageRelationships}">` +
  targets.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join("") +
  `</Relationships>`

const contentTypes = `${xmlDeclaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `</Types>`

const coreProperties = (at: Date) => {
  const w3c = `${at.toISOString().slice(0, 19)}Z`
  return `${xmlDeclaration}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>polyv-stats mock</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3c}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3c}</dcterms:modified></cp:coreProperties>`
}

const officeDocument = `${relationships}/officeDocument`

/** Builds the report of a session. */
export const build = async (session: WorldSession): Promise<Uint8Array> => {
  const stamp = new Date(session.endTime ?? session.startTime)
  const encoder = new TextEncoder()
  const part = (name: string, text: string): Zip.ZipEntry => ({ name, bytes: encoder.encode(text) })
  return Zip.zip([
    part("[Content_Types].xml", contentTypes),
    part(
      "_rels/.rels",
      relationshipsOf([
        [officeDocument, "xl/workbook.xml"],
        [`${packageRelationships}/metadata/core-properties`, "docProps/core.xml"],
      ]),
    ),
    part("docProps/core.xml", coreProperties(stamp)),
    part("xl/workbook.xml", workbook),
    part(
      "xl/_rels/workbook.xml.rels",
      relationshipsOf([[`${relationships}/worksheet`, "worksheets/sheet1.xml"], [
        `${relationships}/styles`,
        "styles.xml",
      ]]),
    ),
    part("xl/worksheets/sheet1.xml", sheet(session)),
    part("xl/styles.xml", styles),
  ], stamp)
}
