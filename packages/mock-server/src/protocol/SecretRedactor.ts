/**
 * Cuts the app secret out of request text the mock keeps or echoes: the journal's paths, parameter
 * names and values and messages, and every error message that quotes what a client sent (an
 * unknown path, method, header value or channel ID). The mock never puts the secret in a request
 * itself; a client may, by mistake, anywhere.
 *
 * A path keeps its percent-encoding, and a client may encode any character or none (`%2D` or `-`,
 * `%2d`, `%E7%A7%98` or `秘`, `+` or `%20` for a space in a query). So the secret is looked for in
 * the decoded bytes of the text, each byte remembering the span of text it came from, and what is
 * cut out is the span the secret's bytes came from, whatever mix of forms it was written in.
 *
 * @example
 * ```ts
 * import { SecretRedactor } from "@polyv-stats/mock-server"
 *
 * const redactor = new SecretRedactor("s3cret")
 * redactor.text("/live/s3cret?x=1") // "/live/<redacted>?x=1"
 * redactor.text("/live/%73%33cr%65t") // "/live/<redacted>"
 * redactor.text("?note=s3CRET") // unchanged: the secret's own letters keep their case
 * ```
 * @module
 */

/** What stands where the secret was. */
export const redacted = "<redacted>"

/** The UTF-8 bytes of `text`, code point by code point (a lone surrogate as its own three bytes). */
const utf8 = (text: string): Array<number> => {
  const bytes: Array<number> = []
  for (const char of text) pushUtf8(bytes, char.codePointAt(0)!)
  return bytes
}

const pushUtf8 = (bytes: Array<number>, code: number): void => {
  if (code < 0x80) bytes.push(code)
  else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f))
  else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
  else {
    bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
  }
}

const hexValue = (code: number): number =>
  code >= 0x30 && code <= 0x39
    ? code - 0x30
    : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x66
    ? (code | 0x20) - 0x57
    : -1

const plus = 0x2b
const space = 0x20

/**
 * The decoded bytes of a text with, for each, the span of the text it was read from: `%XX` (either
 * hex case) is one byte from three characters; any other character is its UTF-8 bytes, each from
 * that whole character. A `+` stays a `+` byte, which also matches a space (a query's form).
 */
interface Decoded {
  readonly bytes: Array<number>
  readonly starts: Array<number>
  readonly ends: Array<number>
}

const decode = (text: string): Decoded => {
  const bytes: Array<number> = []
  const starts: Array<number> = []
  const ends: Array<number> = []
  let i = 0
  while (i < text.length) {
    const code = text.codePointAt(i)!
    const high = code === 0x25 && i + 2 < text.length ? hexValue(text.charCodeAt(i + 1)) : -1
    const low = high === -1 ? -1 : hexValue(text.charCodeAt(i + 2))
    const width = low !== -1 ? 3 : code > 0xffff ? 2 : 1
    const before = bytes.length
    if (low !== -1) bytes.push(high * 16 + low)
    else pushUtf8(bytes, code)
    for (let b = before; b < bytes.length; b++) {
      starts.push(i)
      ends.push(i + width)
    }
    i += width
  }
  return { bytes, starts, ends }
}

export class SecretRedactor {
  private readonly secret: string
  private readonly bytes: ReadonlyArray<number>

  constructor(secret: string) {
    this.secret = secret
    this.bytes = utf8(secret)
  }

  /** `text` with every occurrence of the secret, however it is percent-encoded, replaced by `<redacted>`. */
  readonly text = (text: string): string => {
    if (this.secret === "") return text
    // Without `%` or `+` the text decodes to itself: the secret as it is is the only form to find.
    if (!text.includes("%") && !text.includes("+")) {
      return text.includes(this.secret) ? text.replaceAll(this.secret, redacted) : text
    }
    return this.cut(text)
  }

  /**
   * One pass over the decoded bytes: at each character, the secret's bytes decoded from there on, or
   * the secret as it is (one holding `%41` decodes to something else).
   */
  private cut(text: string): string {
    const { bytes, starts, ends } = decode(text)
    const wanted = this.bytes
    let out = ""
    let copied = 0
    let at = 0
    while (at < bytes.length) {
      const from = starts[at]!
      let n = 0
      while (n < wanted.length && (bytes[at + n] === wanted[n] || (bytes[at + n] === plus && wanted[n] === space))) n++
      // The secret's first byte starts a character and its last ends one: the span is whole characters.
      const decodedEnd = n === wanted.length ? ends[at + n - 1]! : -1
      const rawEnd = text.startsWith(this.secret, from) ? from + this.secret.length : -1
      // Both may match where the secret holds a `%` (`%` is itself, and `%25` decodes to it): the longer span.
      const end = Math.max(decodedEnd, rawEnd)
      if (end === -1) {
        at++
        continue
      }
      out += text.slice(copied, from) + redacted
      copied = end
      while (at < bytes.length && starts[at]! < copied) at++
    }
    return copied === 0 ? text : out + text.slice(copied)
  }
}
