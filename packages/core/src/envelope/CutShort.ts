/**
 * When an answer's body counts as cut short. This is the one place that decides it. A body cut
 * short is a transport failure (a `TransportError`, retried like a reset connection): the same
 * request may well come back whole. A complete body that does not match the contract (valid JSON
 * of the wrong shape, an HTML page, an empty body) is `UnexpectedResponse`, and is not retried
 * below 5xx: asking again gets the same answer.
 *
 * A body is cut short when either
 * 1. the transport could not read it whole: the connection closed before `Content-Length` bytes
 *    (or before a chunked body's last chunk) came, or broke mid-body. Node's `http` reports
 *    `aborted` (ECONNRESET), `fetch` a `TypeError: terminated`; both reach the client as a failed
 *    body read, and {@link bodyReadFailed} is its error. Or
 * 2. the body is whole as far as HTTP can tell, but its text is a proper prefix of a JSON text:
 *    it holds more than white space and every character is valid JSON so far, but the text ends
 *    before the value does (what `JSON.parse` calls "unexpected end of input"). A server that sends
 *    no length and closes early does this, and so does a proxy that cuts a body and fixes up the
 *    length (the mock's `malformed` fault). {@link isCutShortJson} recognises it by scanning the
 *    text, not by reading the parser's message, which each engine words differently.
 *
 * Both are checked only after a body failed to read or to parse, so an answer that parses costs
 * nothing more.
 *
 * @example
 * Internal (not exported from the package): `isCutShortJson('{"code":200,"status":"succ')` is true
 * (the JSON ends mid-way), `isCutShortJson("<html>Bad Gateway</html>")` false (not JSON at all).
 * @module
 */
import { TransportError } from "../errors/PolyvError.js"

/** What scanning a text as JSON finds: one whole value, a text that ends mid-value, or neither. */
export type JsonScan = "complete" | "cut" | "invalid"

/** Scanning a token ran out of text (`-1`) or met a character JSON does not allow there (`-2`). */
const end = -1
const bad = -2

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

const skipSpace = (text: string, i: number) => {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

/** A string from its opening quote at `i`: the index after its closing quote, or `end` / `bad`. */
const scanString = (text: string, i: number): number => {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) return i + 1
    if (c < 0x20) return bad
    if (c !== 0x5c) continue
    if (++i >= text.length) return end
    const escaped = text[i]!
    if (escaped === "u") {
      for (let k = 0; k < 4; k++) {
        if (++i >= text.length) return end
        if (!isHex(text.charCodeAt(i))) return bad
      }
    } else if (!"\"\\/bfnrt".includes(escaped)) return bad
  }
  return end
}

/** Digits from `i`: the index after them, `end` when the text stops first, `bad` when there is none. */
const scanDigits = (text: string, i: number): number => {
  if (i >= text.length) return end
  if (!isDigit(text.charCodeAt(i))) return bad
  while (i < text.length && isDigit(text.charCodeAt(i))) i++
  return i
}

/**
 * A number at `i`: the index after it, or `end` / `bad`. A number that is whole where the text
 * stops (`12`) returns the text's length: only its container, if any, is left open.
 */
const scanNumber = (text: string, i: number): number => {
  if (text.charCodeAt(i) === 0x2d) i++ // -
  if (i >= text.length) return end
  if (text.charCodeAt(i) === 0x30) i++ // a leading 0 stands alone
  else if ((i = scanDigits(text, i)) < 0) return i
  if (text.charCodeAt(i) === 0x2e && (i = scanDigits(text, i + 1)) < 0) return i // .
  const c = text.charCodeAt(i)
  if (c === 0x65 || c === 0x45) { // e E
    i++
    const sign = text.charCodeAt(i)
    if (sign === 0x2b || sign === 0x2d) i++
    return scanDigits(text, i)
  }
  return i
}

/** `true`, `false` or `null` at `i`: the index after it, or `end` / `bad`. */
const scanLiteral = (text: string, i: number, literal: string): number => {
  for (let k = 0; k < literal.length; k++, i++) {
    if (i >= text.length) return end
    if (text[i] !== literal[k]) return bad
  }
  return i
}

/** A value that is not an object or array, at `i`. */
const scanScalar = (text: string, i: number): number => {
  const c = text.charCodeAt(i)
  if (c === 0x22) return scanString(text, i)
  if (c === 0x2d || isDigit(c)) return scanNumber(text, i)
  if (c === 0x74) return scanLiteral(text, i, "true")
  if (c === 0x66) return scanLiteral(text, i, "false")
  if (c === 0x6e) return scanLiteral(text, i, "null")
  return bad
}

/** What the scanner expects next. */
type Expect = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "next"

/**
 * Scans `text` as one JSON value (RFC 8259): `complete` when it is one, `cut` when it is a proper
 * prefix of one (it ends before the value does), `invalid` otherwise. Iterative, so a deeply
 * nested hostile body cannot overflow the stack; linear in the text's length.
 */
export const scanJson = (text: string): JsonScan => {
  const open: Array<number> = [] // the containers still open: `{` or `[`
  let expect: Expect = "value"
  let i = 0
  for (;;) {
    i = skipSpace(text, i)
    if (i >= text.length) return expect === "next" && open.length === 0 ? "complete" : "cut"
    const c = text.charCodeAt(i)
    if (expect === "next") {
      const container = open[open.length - 1]
      if (container === undefined) return "invalid" // more after a whole value
      if (c === 0x2c) { // ,
        expect = container === 0x7b ? "key" : "value"
        i++
      } else if (c === container + 2) { // `}` is `{` + 2, `]` is `[` + 2
        open.pop()
        i++
      } else return "invalid"
      continue
    }
    if (expect === "colon") {
      if (c !== 0x3a) return "invalid"
      expect = "value"
      i++
      continue
    }
    if ((expect === "keyOrClose" && c === 0x7d) || (expect === "valueOrClose" && c === 0x5d)) {
      open.pop()
      expect = "next"
      i++
      continue
    }
    if (expect === "key" || expect === "keyOrClose") {
      if (c !== 0x22) return "invalid"
      i = scanString(text, i)
      expect = "colon"
    } else if (c === 0x7b || c === 0x5b) { // { [
      open.push(c)
      expect = c === 0x7b ? "keyOrClose" : "valueOrClose"
      i++
      continue
    } else {
      i = scanScalar(text, i)
      expect = "next"
    }
    if (i === end) return "cut"
    if (i === bad) return "invalid"
  }
}

/**
 * Whether a body that did not parse as JSON was cut short (case 2 above): it is more than white
 * space and a proper prefix of a JSON text. Only for bodies that failed to parse: it scans the
 * whole text.
 */
export const isCutShortJson = (text: string): boolean => skipSpace(text, 0) < text.length && scanJson(text) === "cut"

/** The error of an answer whose body was cut short; `detail` says how it was noticed. */
export const cutShort = (endpoint: string, httpStatus: number, detail: string): TransportError =>
  new TransportError({ endpoint, message: `the HTTP ${httpStatus} answer was cut short: ${detail}` })

/** Case 2: the JSON text ends mid-value. */
export const cutShortJson = (endpoint: string, httpStatus: number, text: string): TransportError =>
  cutShort(endpoint, httpStatus, `its ${text.length}-character body ends inside a JSON value`)

/** Case 1: the transport failed reading the body; `cause` is its own description (no URL). */
export const bodyReadFailed = (endpoint: string, httpStatus: number, cause: string): TransportError =>
  cutShort(endpoint, httpStatus, `the body could not be read whole (${cause})`)
