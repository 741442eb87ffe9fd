/**
 * A mock's options checked whole, before the mock is made: everything `new PolyvMock` would refuse
 * (a `now` out of range, a bad secret, world file, cassette, admin token, or stubs that clash) is
 * refused here. `startServer` checks its options this way before it binds a port, so a refused
 * option never listens, not even for a moment, and never hides behind a port that is taken; the
 * URL it then listens on is added with {@link CheckedOptions.withPublicUrl}. The world is checked
 * once: the mock takes the checked options as they are.
 *
 * @example
 * ```ts
 * import { CheckedOptions, PolyvMock } from "@polyv-stats/mock-server"
 *
 * const checked = CheckedOptions.of({ seed: "docs" }) // throws here on a bad option
 * const mock = new PolyvMock(checked.withPublicUrl("http://127.0.0.1:8787"))
 * mock.options.publicUrl // "http://127.0.0.1:8787"
 * ```
 * @module
 */
import { Result } from "effect"
import { AdminGate } from "./admin/AdminGate.js"
import { checkFaultConfig } from "./faults/FaultInjector.js"
import { checkJournalSize } from "./journal/Journal.js"
import { type MockOptions, publicUrlOf, type ResolvedOptions, resolveOptions } from "./MockOptions.js"
import { problemLines } from "./stubs/Stub.js"
import { StubBook } from "./stubs/StubBook.js"
import { underPrefix } from "./stubs/StubFile.js"

/** Options a mock can be made of, every default filled in. Made by {@link CheckedOptions.of}. */
export class CheckedOptions {
  /**
   * What the mock recognises checked options by: not `instanceof`, which two copies of this package
   * (a bundle beside the package) would fail, and the options would be read as unchecked ones.
   */
  readonly _tag = "CheckedOptions" as const

  private constructor(
    /** The options with their defaults. */
    readonly resolved: ResolvedOptions,
    /** The admin API's gate: the token's digest only, never the token. */
    readonly adminGate: AdminGate,
  ) {}

  /** Whether `options` were checked by {@link CheckedOptions.of} (by any copy of this package). */
  static isChecked(options: unknown): options is CheckedOptions {
    return typeof options === "object" && options !== null && (options as { _tag?: unknown })._tag === "CheckedOptions"
  }

  /**
   * Checks `options` whole; throws what `new PolyvMock(options)` would throw. With `now`, the mock's
   * clock starts at `now` here, when the options are checked, and runs on from then: a mock made
   * from them later reads that much past `now` (make the mock soon, or pass a `clock`).
   */
  static of(options: MockOptions = {}): CheckedOptions {
    const resolved = resolveOptions(options)
    checkJournalSize(resolved.journalSize)
    const faults = checkFaultConfig(resolved.faults)
    if (faults !== undefined) throw new Error(faults)
    const adminGate = new AdminGate(options.adminToken)
    addStubs(new StubBook(), resolved.stubs)
    return new CheckedOptions(resolved, adminGate)
  }

  /**
   * What `JSON.stringify` and `util.inspect` show: the options without the app secret or the gate
   * (its digest of the admin token can be guessed back from a short token).
   */
  toJSON(): Record<string, unknown> {
    return { _tag: this._tag, ...this.resolved, appSecret: "<redacted>" }
  }

  [Symbol.for("nodejs.util.inspect.custom")](): Record<string, unknown> {
    return this.toJSON()
  }

  /** The same options with the URL clients reach the mock at (report links, the OpenAPI server). */
  withPublicUrl(url: string): CheckedOptions {
    return new CheckedOptions({ ...this.resolved, publicUrl: publicUrlOf(url) }, this.adminGate)
  }
}

/** Adds the options' stubs to `book`, or throws naming every problem with its path. */
export const addStubs = (book: StubBook, stubs: ResolvedOptions["stubs"]): void => {
  const added = book.addAll(stubs)
  if (Result.isFailure(added)) {
    throw new Error(`the stubs option has problems: ${problemLines(underPrefix("stubs", added.failure)).join("; ")}`)
  }
}
