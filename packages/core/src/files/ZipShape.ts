/**
 * Whether a stream of bytes has the shape of a zip archive, checked as the bytes go by. A report is
 * an .xlsx, and an .xlsx is a zip (Office Open XML packages are zip archives), so this tells a
 * report from what a server may send instead with a `200`: an empty body, an HTML page, a body
 * cut short when no `Content-Length` could say so (framed by closing the connection), or a body
 * still compressed by `Content-Encoding`.
 *
 * The shape, from the zip format (PKWARE's APPNOTE, 4.3): the archive starts with a local file
 * header, signature `PK\x03\x04`, and ends with the end-of-central-directory record: signature
 * `PK\x05\x06`, 22 bytes, the last two the length of a comment of at most 65 535 bytes that ends
 * the file. So the record sits within the last 22 + 65 535 bytes, and its comment length reaches
 * exactly to the end. A body cut anywhere short of its end has no such record there.
 *
 * Only the shape: the entries are not read, so a damaged archive of the right shape passes. The
 * check keeps the first four bytes and a rolling tail of the last 65 557 (one buffer, allocated
 * once): no second pass over the bytes, whatever their size.
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */

/** A local file header's signature: every zip starts with one. */
const start = Uint8Array.of(0x50, 0x4b, 0x03, 0x04)

/** The end-of-central-directory record's signature. */
const endSignature = Uint8Array.of(0x50, 0x4b, 0x05, 0x06)

/** The end-of-central-directory record without its comment. */
const endRecordLength = 22

/** The longest comment the record's 16-bit length can give. */
const maxCommentLength = 0xffff

/** How far from the end the record can start: the tail kept. */
export const tailLength = endRecordLength + maxCommentLength

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ")

/** What a check finds wrong (for a message after "not an xlsx: "), or `undefined` when nothing is. */
export type Problem = string | undefined

export interface ZipShape {
  /** Takes the next bytes; says what is wrong as soon as the start shows it. */
  readonly feed: (chunk: Uint8Array) => Problem
  /** At the end of the bytes: says what is wrong with them as a whole. */
  readonly end: () => Problem
}

/** A check of one stream of bytes. */
export const make = (): ZipShape => {
  const tail = new Uint8Array(tailLength)
  /** Where the next byte goes in `tail`, a ring once it is full. */
  let next = 0
  let total = 0
  const feed = (chunk: Uint8Array): Problem => {
    for (let i = 0; total + i < start.length && i < chunk.length; i++) {
      if (chunk[i] !== start[total + i]) {
        return `it starts with ${hex(chunk.subarray(0, start.length - total))}, not with a zip's ${hex(start)}`
      }
    }
    total += chunk.length
    if (chunk.length >= tailLength) {
      tail.set(chunk.subarray(chunk.length - tailLength))
      next = 0
      return undefined
    }
    const first = Math.min(chunk.length, tailLength - next)
    tail.set(chunk.subarray(0, first), next)
    tail.set(chunk.subarray(first), 0)
    next = (next + chunk.length) % tailLength
    return undefined
  }
  const end = (): Problem => {
    if (total === 0) return "the body is empty"
    if (total < start.length + endRecordLength) return `the body is ${total} bytes, too short for a zip`
    // The last bytes in order: the ring unrolled (or, not yet full, its start).
    const last = total < tailLength ? tail.subarray(0, total) : new Uint8Array(tailLength)
    if (total >= tailLength) {
      last.set(tail.subarray(next))
      last.set(tail.subarray(0, next), tailLength - next)
    }
    for (let at = last.length - endRecordLength; at >= 0; at--) {
      if (
        last[at] === endSignature[0] && last[at + 1] === endSignature[1] && last[at + 2] === endSignature[2] &&
        last[at + 3] === endSignature[3] &&
        last[at + endRecordLength - 2]! + last[at + endRecordLength - 1]! * 256 === last.length - at - endRecordLength
      ) return undefined
    }
    return "it does not end with a zip's end-of-central-directory record (cut off?)"
  }
  return { feed, end }
}
