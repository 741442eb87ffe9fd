/**
 * CSV as RFC 4180 has it: CRLF line ends, a field quoted when it holds a comma, a double quote,
 * CR or LF (or leading/trailing spaces), and a double quote inside a quoted field doubled.
 *
 * @module
 */

/** A cell: `null` is an empty field; numbers and booleans as JavaScript prints them. */
export type Cell = string | number | boolean | null

export const field = (value: Cell): string => {
  const text = value === null ? "" : String(value)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, "\"\"")}"` : text
}

/** One record, with its line end. */
export const row = (cells: ReadonlyArray<Cell>): string => `${cells.map(field).join(",")}\r\n`
