/**
 * A small least-recently-used cache. A world of 1000 channels × 1000 sessions would hold a
 * million session objects if every channel's history stayed in memory after one scan; the world
 * keeps only the most recently read channels' sessions and regenerates the others (generation is
 * deterministic, so a regenerated history is identical).
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>()
  /** The most recently used key: asked again (a load test, a stream), it is already in place. */
  private newest: K | undefined

  constructor(readonly capacity: number) {}

  getOrCreate(key: K, create: () => V): V {
    const found = this.entries.get(key)
    if (found !== undefined) {
      if (key !== this.newest) {
        // Map keeps insertion order: re-inserting marks the entry as the most recently used.
        this.entries.delete(key)
        this.entries.set(key, found)
        this.newest = key
      }
      return found
    }
    const value = create()
    this.entries.set(key, value)
    this.newest = key
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
    return value
  }

  /** Forgets a key (a value that turned out bad). */
  delete(key: K): void {
    this.entries.delete(key)
    if (key === this.newest) this.newest = undefined
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size
  }
}
