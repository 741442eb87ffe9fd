/**
 * Records of request parameters, keyed by names a client chose. Assigning `record["__proto__"]`
 * would set the object's prototype instead of a key, so that parameter would vanish from the
 * signature's base and the journal: a correctly signed request carrying it was refused.
 *
 * @module
 */

/** Sets `name` as an own, enumerable key of `record`, `__proto__` included. */
export const setOwn = (record: Record<string, string>, name: string, value: string): void => {
  if (name === "__proto__") {
    Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true })
  } else record[name] = value
}
