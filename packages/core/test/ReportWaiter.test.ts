/** The report waiter on virtual time: not-ready polls, progress, the deadline, other errors. */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { type CallError, InvalidSignature, ReportNotReady, type WaitOptions, type WaitProgress } from "../src/index.js"
import { waitForReport } from "../src/waiter/ReportWaiter.js"

const context = { endpoint: "exportReport", httpStatus: 400, code: 400 }
const notReady = new ReportNotReady({ ...context, message: "Report is not ready yet, please try again later." })

/** An export endpoint that answers from a script and records when it was asked. */
const exporter = (answers: ReadonlyArray<string | CallError>) => {
  const polls: Array<number> = []
  const exportReport = () =>
    Effect.gen(function*() {
      polls.push(yield* Effect.clockWith((c) => c.currentTimeMillis))
      const answer = answers[Math.min(polls.length - 1, answers.length - 1)]!
      return typeof answer === "string" ? answer : yield* Effect.fail(answer)
    })
  return { exportReport, polls }
}

const run = (
  answers: ReadonlyArray<string | CallError>,
  options: WaitOptions = {},
  advance: Duration.Input = "1 hour",
) =>
  Effect.gen(function*() {
    const { exportReport, polls } = exporter(answers)
    const progress: Array<WaitProgress> = []
    const fiber = yield* waitForReport(exportReport, "1", "s1", {
      ...options,
      onProgress: (p) => Effect.sync(() => void progress.push(p)),
    }).pipe(Effect.result, Effect.forkChild)
    yield* TestClock.adjust(advance)
    return { result: yield* Fiber.join(fiber), polls, progress }
  })

describe("waitForReport", () => {
  it.effect("polls while not ready, then returns the URL; progress reports each wait", () =>
    Effect.gen(function*() {
      const { result, polls, progress } = yield* run([notReady, notReady, notReady, "https://x/r.xlsx"])
      assert.deepStrictEqual(result._tag === "Success" && result.success, "https://x/r.xlsx")
      assert.strictEqual(polls.length, 4)
      assert.deepStrictEqual(progress.map((p) => p.attempt), [1, 2, 3])
      // Exponential from 2 s, jittered ×0.8–1.2.
      const delays = progress.map((p) => Duration.toMillis(p.nextDelay))
      for (const [i, base] of [2000, 4000, 8000].entries()) {
        assert.isAtLeast(delays[i]!, base * 0.8)
        assert.isAtMost(delays[i]!, base * 1.2)
      }
      assert.deepStrictEqual(
        progress.map((p) => Duration.toMillis(p.elapsed)),
        polls.slice(0, 3).map((t) => t - polls[0]!),
      )
    }))

  it.effect("times out at the deadline, polling one last time at it, with the attempts made", () =>
    Effect.gen(function*() {
      const { result, polls } = yield* run([notReady], { deadline: "10 seconds" })
      assert.strictEqual(result._tag, "Failure")
      if (result._tag === "Failure" && result.failure._tag === "ReportWaitTimedOut") {
        assert.strictEqual(result.failure.attempts, polls.length)
        assert.strictEqual(result.failure.elapsedMillis, 10_000)
        assert.include(result.failure.message, "s1")
      } else assert.fail("expected ReportWaitTimedOut")
      assert.strictEqual(polls.at(-1)! - polls[0]!, 10_000)
    }))

  it.effect("defaults to a 10-minute deadline with waits capped at 30 s", () =>
    Effect.gen(function*() {
      const { result, progress } = yield* run([notReady], {}, "11 minutes")
      assert.strictEqual(result._tag === "Failure" && result.failure._tag, "ReportWaitTimedOut")
      if (result._tag === "Failure" && result.failure._tag === "ReportWaitTimedOut") {
        assert.strictEqual(result.failure.elapsedMillis, 10 * 60_000)
      }
      assert.isTrue(progress.every((p) => Duration.toMillis(p.nextDelay) <= 30_000))
      assert.strictEqual(Math.max(...progress.map((p) => Duration.toMillis(p.nextDelay))), 30_000)
    }))

  it.effect("any other error ends the wait at once", () =>
    Effect.gen(function*() {
      const error = new InvalidSignature({ ...context, message: "invalid signature." })
      const { result, polls } = yield* run([notReady, error, "never"])
      assert.strictEqual(result._tag === "Failure" && result.failure, error)
      assert.strictEqual(polls.length, 2)
    }))

  it.effect("follows your schedule; when it ends, the wait times out", () =>
    Effect.gen(function*() {
      const { result, polls } = yield* run([notReady], {
        schedule: Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 2 })),
      })
      assert.deepStrictEqual(polls.map((t) => t - polls[0]!), [0, 1000, 2000])
      assert.strictEqual(result._tag === "Failure" && result.failure._tag, "ReportWaitTimedOut")
    }))
})
