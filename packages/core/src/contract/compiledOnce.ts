/**
 * Memoises a function of a schema (or any object), so that what it compiles — a decoder, an
 * encoder — is built on first use instead of on every call, and dropped with the schema.
 *
 * @module
 */
export const compiledOnce = <K extends object, F>(compile: (key: K) => F): (key: K) => F => {
  const cache = new WeakMap<K, F>()
  return (key) => {
    let compiled = cache.get(key)
    if (compiled === undefined) {
      compiled = compile(key)
      cache.set(key, compiled)
    }
    return compiled
  }
}
