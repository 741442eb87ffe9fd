/**
 * Text made safe for a person's terminal. Whatever a server sends — a session ID, a user ID, an
 * error message — or a command line quotes back — a flag's value — may hold characters a terminal
 * acts on instead of showing: `ESC ] 0;…BEL` retitles the window, `ESC [2J` clears it, CR and LF
 * forge lines, and the bidi overrides reorder what is shown. Others show nothing at all, so two IDs
 * that print alike can differ (a zero-width space inside a session ID), and a right-to-left mark
 * reorders a cell. Everything printed for people passes through {@link printable} at the output
 * boundary, so no call site can forget it: in `polyv-stats`, table cells and every stderr line
 * (Table.render, the Stderr writer); in `polyv-mock`, every stderr line. JSON, NDJSON and CSV do
 * not: they carry the data exactly, under their own quoting. It lives here, beside the mock's
 * command, because both programs use it.
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
 * The characters shown as escapes, by Unicode category, so that none is forgotten by a list:
 * - controls (Cc): C0 (U+0000–U+001F: NUL…ESC, including TAB, CR, LF), DEL, and C1
 *   (U+0080–U+009F, which some terminals read as ESC sequences);
 * - format characters (Cf), which are invisible or steer how others show: the soft hyphen
 *   (U+00AD), the Arabic letter mark (U+061C), the Mongolian vowel separator (U+180E), zero-width
 *   space, non-joiner and joiner, LRM and RLM (U+200B–U+200F), the bidi embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069), the word joiner and invisible operators
 *   (U+2060–U+2064), the byte order mark / zero-width no-break space (U+FEFF), interlinear
 *   annotation marks (U+FFF9–U+FFFB) and the invisible tag characters (U+E0000 block);
 * - the line and paragraph separators (Zl U+2028, Zp U+2029).
 * Spaces, combining marks and variation selectors are left as they are: they show as what they
 * are, or change the look of the character before them, and move nothing. The price: a joiner
 * inside an emoji sequence or Persian text is shown escaped too, which IDs and Polyv's messages
 * never need.
 */
const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

const named: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" }

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0")

const escape = (char: string): string => {
  const code = char.codePointAt(0)!
  return named[char] ??
    (code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 1)}}`)
}

/** `text` with every control, format and separator character written as a visible escape (`\x1b`, `\n`, `\u200f`). */
export const printable = (text: string): string => text.replace(unsafe, escape)

/** Each line of `text` made {@link printable}, the line breaks kept: for text that is several lines on purpose. */
export const printableLines = (text: string): string => text.split("\n").map(printable).join("\n")
