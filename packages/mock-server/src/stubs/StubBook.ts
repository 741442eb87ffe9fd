/**
 * A mock's stubs: the ones made (until removed), which of them still answer, and how far each has
 * gone through its answers. The newest stub that matches answers first, so a test can put a
 * specific stub over a general one (one from `--stubs`, say). A used-up stub stays listed (with
 * `used` and `remaining: 0`) but no longer answers: the world does again.
 *
 * `rewind` (what `POST /__mock/reset` does) starts every stub again from its first answer, as a
 * reset restarts fault draws: a reset mock answers like a fresh one with the same setup.
 *
 * @example
 * ```ts
 * import { Contract } from "@polyv-stats/core"
 * import { StubBook } from "@polyv-stats/mock-server"
 *
 * const stubs = new StubBook()
 * stubs.add({ endpoint: Contract.byName.micHistory, answers: [{ failure: "ServerError" }] })
 * stubs.answer(Contract.byName.micHistory, {})?.stub.id // "stub-1", then undefined: used up
 * ```
 * @module
 */
import type { Contract } from "@polyv-stats/core"
import { Result } from "effect"
import { matchesParams } from "../protocol/ParamsMatch.js"
import { pathText } from "../world/WorldFile.js"
import { type Answer, type AnyStubSpec, makeStub, type Stub, type StubProblem, wireForm } from "./Stub.js"

/** A stub in the book: how far it has gone. */
interface Entry {
  readonly stub: Stub
  /** Requests answered since made (or rewound). */
  used: number
  /** The answer in force, and requests it has served. */
  step: number
  servedInStep: number
}

/** What a test holds of a stub it made. */
export interface StubHandle {
  readonly id: string
  /** Requests it has answered since made (or since `reset`). */
  readonly used: () => number
  /** Takes it away: from now on the world answers its requests. True when it was still there. */
  readonly remove: () => boolean
}

/** How a stub is listed (`GET /__mock/stubs`). */
export interface StubListing {
  readonly id: string
  readonly endpoint: string
  readonly match: Readonly<Record<string, unknown>>
  readonly answers: ReadonlyArray<unknown>
  readonly used: number
  /** Requests it will still answer (`null`: always). */
  readonly remaining: number | null
}

export class StubBook {
  /** Every stub made and not removed, oldest first. */
  private readonly entries: Array<Entry> = []
  /** Those that still answer: what a request looks through. Empty, a request pays one length check. */
  private active: Array<Entry> = []
  private made = 0

  /** How many stubs still answer. */
  get size(): number {
    return this.active.length
  }

  /** The next `stub-<n>` no stub goes by: a stub may have been named `stub-2` by hand. */
  private freeId(): string {
    let n = this.made + 1
    while (this.entries.some((entry) => entry.stub.id === `stub-${n}`)) n++
    return `stub-${n}`
  }

  /** Checks and adds a stub, or lists every problem (a name already in use among them). */
  add(spec: AnyStubSpec): Result.Result<StubHandle, Array<StubProblem>> {
    const made = makeStub(spec, this.freeId())
    if (Result.isFailure(made)) return Result.fail(made.failure)
    const stub = made.success
    if (this.entries.some((entry) => entry.stub.id === stub.id)) {
      return Result.fail([{ path: "name", message: `a stub named ${JSON.stringify(stub.id)} exists; remove it first` }])
    }
    this.made++
    const entry: Entry = { stub, used: 0, step: 0, servedInStep: 0 }
    this.entries.push(entry)
    this.active.push(entry)
    return Result.succeed({ id: stub.id, used: () => entry.used, remove: () => this.remove(stub.id) })
  }

  /**
   * Adds every stub or none: each problem is named under its index (`[2].answers[0].data`), so a
   * file or an admin body is refused whole.
   */
  addAll(specs: ReadonlyArray<AnyStubSpec>): Result.Result<Array<StubHandle>, Array<StubProblem>> {
    const before = { entries: [...this.entries], active: [...this.active], made: this.made }
    const handles: Array<StubHandle> = []
    const problems: Array<StubProblem> = []
    specs.forEach((spec, i) => {
      const added = this.add(spec)
      if (Result.isSuccess(added)) handles.push(added.success)
      else {problems.push(
          ...added.failure.map((p) => ({
            path: pathText(p.path === "" ? [] : [p.path], `[${i}]`),
            message: p.message,
          })),
        )}
    })
    if (problems.length === 0) return Result.succeed(handles)
    this.entries.splice(0, this.entries.length, ...before.entries)
    this.active = before.active
    this.made = before.made
    return Result.fail(problems)
  }

  /**
   * The answer of the newest stub of `endpoint` whose match the decoded `params` meet, moving it
   * on by one; `undefined` when none does.
   */
  answer(
    endpoint: Contract.AnyEndpoint,
    params: object,
  ): { readonly stub: Stub; readonly answer: Answer } | undefined {
    for (let i = this.active.length - 1; i >= 0; i--) {
      const entry = this.active[i]!
      if (entry.stub.endpoint !== endpoint || !matchesParams(entry.stub.match, params)) continue
      const step = entry.stub.steps[entry.step]!
      entry.used++
      if (++entry.servedInStep >= step.times) {
        entry.step++
        entry.servedInStep = 0
        if (entry.step >= entry.stub.steps.length) this.active.splice(i, 1)
      }
      return { stub: entry.stub, answer: step.answer }
    }
    return undefined
  }

  /** Removes one stub by its id; false when there is none. */
  remove(id: string): boolean {
    const at = this.entries.findIndex((entry) => entry.stub.id === id)
    if (at < 0) return false
    const [entry] = this.entries.splice(at, 1)
    this.active = this.active.filter((kept) => kept !== entry)
    return true
  }

  /** Removes every stub; returns how many there were. */
  clear(): number {
    const count = this.entries.length
    this.entries.length = 0
    this.active = []
    return count
  }

  /** Starts every stub again from its first answer (a reset). */
  rewind(): void {
    for (const entry of this.entries) {
      entry.used = 0
      entry.step = 0
      entry.servedInStep = 0
    }
    this.active = [...this.entries]
  }

  list(): Array<StubListing> {
    return this.entries.map(({ stub, used, step, servedInStep }) => {
      let remaining = -servedInStep
      for (let i = step; i < stub.steps.length; i++) remaining += stub.steps[i]!.times
      return {
        id: stub.id,
        endpoint: stub.endpoint.name,
        ...wireForm(stub),
        used,
        remaining: step >= stub.steps.length ? 0 : Number.isFinite(remaining) ? remaining : null,
      }
    })
  }
}
