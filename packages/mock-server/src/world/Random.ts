/**
 * A small seeded random source. The mock's world must be the same on every machine and every
 * run for a given seed, so nothing here touches `Math.random`.
 *
 * @module
 */

/** 32-bit FNV-1a of a string: turns a seed phrase plus a name into a generator seed. */
export const hash = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A deterministic generator (mulberry32): fast, and good enough for fake statistics. */
export class Random {
  private state: number

  constructor(seed: string) {
    this.state = hash(seed)
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** `length` characters drawn from `alphabet`. */
  text(length: number, alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"): string {
    let out = ""
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }
}
