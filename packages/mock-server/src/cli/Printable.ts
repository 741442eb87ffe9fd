/**
 * Text made safe for a person's terminal. Whatever a server sends — a session ID, a user ID, an
 * error message — or a command line quotes back — a flag's value — may hold characters a terminal
 * acts on instead of showing: `ESC ] 0;…BEL` retitles the window, `ESC [2J` clears it, CR and LF
 * forge lines, and the bidi overrides reorder what is shown. Everything printed for people passes
 * through {@link printable} at the output boundary, so no call site can forget it: in
 * `polyv-stats`, table cells and every stderr line (Table.render, the Stderr writer); in
 * `polyv-mock`, every stderr line. JSON, NDJSON and CSV do not: they carry the data exactly, under
 * their own quoting. It lives here, beside the mock's command, because both programs use it.
 *
 * @example
 * ```ts
 * import { printable } from "@polyv-stats/mock-server"
 *
 * printable("fv3l\u001b[2Jdt") // "fv3l\\x1b[2Jdt": shown, not obeyed
 * ```
 * @module
 */

/**
 * The characters shown as escapes: C0 controls (U+0000–U+001F: NUL…ESC, including TAB, CR, LF),
 * DEL, C1 controls (U+0080–U+009F, which some terminals read as ESC sequences), the line and
 * paragraph separators, and the bidi embeddings, overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069).
 */
// Matching control characters is the point here.
// oxlint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const named: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" }

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0")

const escape = (char: string): string => {
  const code = char.charCodeAt(0)
  return named[char] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`)
}

/** `text` with every control and bidi character written as a visible escape (`\x1b`, `\n`, `\u202e`). */
export const printable = (text: string): string => text.replace(unsafe, escape)

/** Each line of `text` made {@link printable}, the line breaks kept: for text that is several lines on purpose. */
export const printableLines = (text: string): string => text.split("\n").map(printable).join("\n")
