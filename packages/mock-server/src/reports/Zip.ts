/**
 * A zip archive of a few small files, written in one pass: what an `.xlsx` is (Office Open XML
 * packages are zip archives). Only what a report needs: deflated entries, UTF-8 names, no
 * encryption, no ZIP64 (a report is a few kilobytes; an archive over 4 GiB is refused).
 *
 * Deterministic: every entry carries the one given instant (the DOS date and time, in UTC), so the
 * same files make the same bytes — a report download is as repeatable as every other answer of the
 * mock.
 *
 * The layout, from PKWARE's APPNOTE (4.3): for each file a local header and its compressed bytes,
 * then the central directory (one header per file, pointing back at its local header), then the
 * end-of-central-directory record.
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */
import { crc32, deflateRawSync } from "node:zlib"

/** A file in the archive: its path inside it and its bytes. */
export interface ZipEntry {
  readonly name: string
  readonly bytes: Uint8Array
}

const localHeaderSignature = 0x04034b50
const centralHeaderSignature = 0x02014b50
const endSignature = 0x06054b50
/** Version 2.0: deflate. */
const versionNeeded = 20
/** General-purpose flag bit 11: the names are UTF-8. */
const utf8Names = 0x0800
const deflated = 8
const localHeaderLength = 30
const centralHeaderLength = 46
const endLength = 22
/** The largest size or offset a 32-bit field holds (beyond it ZIP64 would be needed). */
const max32 = 0xffff_ffff

/** `at` as MS-DOS time and date (two-second resolution, years from 1980), read in UTC. */
export const dosTime = (at: Date): { readonly time: number; readonly date: number } => ({
  time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
})

/** The archive of `entries`, each stamped `at`. */
export const zip = (entries: ReadonlyArray<ZipEntry>, at: Date): Uint8Array => {
  const { time, date } = dosTime(at)
  const encoder = new TextEncoder()
  const files = entries.map((entry) => ({
    name: encoder.encode(entry.name),
    crc: crc32(entry.bytes),
    size: entry.bytes.length,
    data: deflateRawSync(entry.bytes),
  }))
  const localLength = files.reduce((sum, f) => sum + localHeaderLength + f.name.length + f.data.length, 0)
  const centralLength = files.reduce((sum, f) => sum + centralHeaderLength + f.name.length, 0)
  const total = localLength + centralLength + endLength
  if (total > max32 || files.length > 0xffff) throw new RangeError("a zip this large needs ZIP64, which is not written")
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  let pos = 0
  const u16 = (...values: Array<number>) => {
    for (const value of values) {
      view.setUint16(pos, value, true)
      pos += 2
    }
  }
  const u32 = (...values: Array<number>) => {
    for (const value of values) {
      view.setUint32(pos, value >>> 0, true)
      pos += 4
    }
  }
  const put = (value: Uint8Array) => {
    out.set(value, pos)
    pos += value.length
  }
  // The fields a local header and its central header share, in the same order.
  const shared = (f: (typeof files)[number]) => {
    u16(versionNeeded, utf8Names, deflated, time, date)
    u32(f.crc, f.data.length, f.size)
    u16(f.name.length, 0)
  }
  const offsets: Array<number> = []
  for (const f of files) {
    offsets.push(pos)
    u32(localHeaderSignature)
    shared(f)
    put(f.name)
    put(f.data)
  }
  files.forEach((f, i) => {
    u32(centralHeaderSignature)
    u16(versionNeeded) // made by: version 2.0, MS-DOS attributes
    shared(f)
    u16(0, 0, 0) // no comment, disk 0, no internal attributes
    u32(0, offsets[i]!) // no external attributes; where the local header is
    put(f.name)
  })
  u32(endSignature)
  u16(0, 0, files.length, files.length)
  u32(centralLength, localLength)
  u16(0) // no comment
  return out
}
