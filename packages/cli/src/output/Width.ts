/**
 * How many terminal columns text takes, and cutting it to fit: East Asian wide and fullwidth
 * characters (Chinese titles, fullwidth punctuation) take two columns, everything else one.
 * Table cells are {@link printable} already, so no control character reaches here.
 *
 * @module
 */

// Unicode's East Asian Width W and F ranges that occur in practice: Hangul Jamo, CJK radicals to
// Yi (without U+303F), Hangul syllables, CJK compatibility, vertical and small forms, fullwidth
// forms, emoji and the CJK extension planes.
const wide =
  /[\u1100-\u115F\u2E80-\u303E\u3040-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u

/** The columns one character (code point) takes. */
const charWidth = (char: string): number => (wide.test(char) ? 2 : 1)

/** The columns `text` takes on a terminal. */
export const of = (text: string): number => {
  let width = 0
  for (const char of text) width += charWidth(char)
  return width
}

/** What ends a cut cell. */
export const ellipsis = "…"

/** `text` in at most `width` columns: whole if it fits, else cut and ended with {@link ellipsis}. */
export const fit = (text: string, width: number): string => {
  if (of(text) <= width) return text
  let out = ""
  let used = 0
  for (const char of text) {
    const w = charWidth(char)
    if (used + w > width - 1) break
    out += char
    used += w
  }
  return out + ellipsis
}

/** `text` padded with spaces to `width` columns, on the right (`left`) or on the left. */
export const pad = (text: string, width: number, align: "left" | "right" = "left"): string => {
  const fill = " ".repeat(Math.max(0, width - of(text)))
  return align === "right" ? fill + text : text + fill
}

/**
 * The width of the terminal tables are printed for: `COLUMNS` if it is a positive whole number
 * (an explicit choice, e.g. `COLUMNS=60`), else stdout's width when stdout is a terminal, else no
 * limit (undefined: a file or a pipe gets whole cells).
 */
export const terminal = (
  env: NodeJS.ProcessEnv = process.env,
  stdout: { readonly isTTY?: boolean | undefined; readonly columns?: number | undefined } = process.stdout,
): number | undefined => {
  const given = env["COLUMNS"]
  if (given !== undefined && /^[1-9]\d{0,4}$/.test(given)) return Number(given)
  return stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0 ? stdout.columns : undefined
}
