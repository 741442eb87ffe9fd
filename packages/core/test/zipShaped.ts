/**
 * Bytes with the shape of a zip, as a report (an .xlsx) has: a local file header's signature
 * first, an end-of-central-directory record last (its comment length reaching to the end), and
 * every byte value in between, so that a decoding on the way would show. The servers of the tests
 * send it where they mean a good report; `files/ZipShape.ts` is what checks the shape.
 */
export const zipShaped = (length: number, comment: Uint8Array = new Uint8Array(0)): Uint8Array => {
  const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + (i >> 8)) % 256)
  bytes.set([0x50, 0x4b, 0x03, 0x04], 0)
  const record = new Uint8Array(22 + comment.length)
  record.set([0x50, 0x4b, 0x05, 0x06], 0)
  record[20] = comment.length & 0xff
  record[21] = comment.length >> 8
  record.set(comment, 22)
  bytes.set(record, length - record.length)
  return bytes
}
