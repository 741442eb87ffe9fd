/**
 * `polyv-stats verify` — is Polyv still what the contract says? A read-only conformance run with
 * the user's own credentials: the checks of `verify/Checks.ts` (one request each, at most
 * {@link Checks.maxRequests}), judged by `verify/Compare.ts`, printed by `verify/Report.ts`.
 * Exit 0 when everything matches (warnings: fields Polyv added), 1 on drift.
 *
 * @module
 */
import { Contract, Pacing } from "@polyv-stats/core"
import { Clock, Duration, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { HttpClient } from "effect/http"
import * as Polyv from "../client/Polyv.js"
import { ContractDrift } from "../errors/ExitCode.js"
import * as ChannelFlag from "../flags/ChannelFlag.js"
import * as GlobalFlags from "../flags/GlobalFlags.js"
import * as IdFlags from "../flags/IdFlags.js"
import * as Stderr from "../output/Stderr.js"
import * as Checks from "../verify/Checks.js"
import * as Compare from "../verify/Compare.js"
import * as Exchange from "../verify/Exchange.js"
import * as Report from "../verify/Report.js"

export const flags = {
  channel: ChannelFlag.channel,
  session: IdFlags.session(
    "An ended session of the channel, for the report check (default: the newest ended one listed)",
  ).pipe(Flag.optional),
  users: IdFlags.users("User IDs for the concurrency check (default: the account's, from the co-host history)").pipe(
    Flag.optional,
  ),
}

export type VerifyFlags = Command.Command.Config.Infer<typeof flags>

/** What a valid call tells the later checks. */
const learn = (check: Checks.Check, data: unknown, known: Checks.Known, input: VerifyFlags): Checks.Known => {
  if (check.endpoint.name === "sessionList" && known.session === undefined) {
    const ended = (data as Contract.SessionPage).contents.find((s) => s.endTime !== null)
    return ended ? { ...known, session: ended.sessionId } : known
  }
  if (check.endpoint.name === "micHistory" && Option.isNone(input.users)) {
    return { ...known, users: [(data as Contract.MicHistory).userId] }
  }
  return known
}

export const run = (input: VerifyFlags) =>
  Polyv.withHttp((settings) =>
    Effect.gen(function*() {
      const http = yield* HttpClient.HttpClient
      const pace = yield* Pacing.makePacer(settings.client.rateLimit ?? Pacing.defaultRateLimit)
      const account: Exchange.Account = {
        baseUrl: settings.client.baseUrl ?? "",
        credentials: { appId: settings.client.appId, appSecret: settings.client.appSecret },
        timeout: Duration.fromInputUnsafe(settings.client.timeout ?? GlobalFlags.defaultRequestTimeout),
      }
      let known: Checks.Known = {
        channel: input.channel,
        session: Option.getOrUndefined(input.session),
        users: Option.getOrUndefined(input.users),
        now: yield* Clock.currentTimeMillis,
      }
      let requests = 0
      const rows: Array<Report.Row> = []
      for (const check of Checks.checks) {
        const missing = Checks.missingFor(check, known)
        if (missing !== undefined) {
          rows.push(Report.row(check.id, check.endpoint.name, Compare.skipped(check, missing)))
          continue
        }
        requests++
        const answer = yield* pace(Exchange.send(http, account, check, known))
        const verdict = Compare.judge(check, answer, Checks.refusalValue(check, known))
        if (verdict.data !== undefined) known = learn(check, verdict.data, known, input)
        rows.push(Report.row(check.id, check.endpoint.name, verdict))
      }
      const summary = Report.summarize(rows, account.baseUrl, requests, Checks.maxRequests)
      yield* Report.print(rows, summary, settings.format)
      yield* Stderr.line(Report.summaryLine(summary))
      if (summary.counts.drift > 0) {
        return yield* new ContractDrift({
          message: `${summary.counts.drift} check${summary.counts.drift === 1 ? "" : "s"} drifted from the contract: ${
            rows.filter((r) => r.outcome === "drift").map((r) => r.check).join(", ")
          }`,
        })
      }
    })
  )

export const command = Command.make("verify", flags, run).pipe(
  GlobalFlags.withApiFlags,
  Command.withShortDescription("Checks your Polyv account's answers against the contract (read-only)"),
  Command.withDescription(
    [
      "A read-only conformance run with your credentials: does Polyv still answer what this toolkit",
      "  (and its mock) expects? For each of the five endpoints, one valid call whose envelope and data",
      "  are decoded with the contract's schemas, then the documented wrong requests (no appId, an",
      `  unknown appId, a timestamp ${
        Checks.staleMillis / 60_000
      } minutes old, a wrong sign; an unknown channel; a ${Checks.overSpanDays}-day span)`,
      "  whose code and message must be the ones each page documents.",
      `  At most ${Checks.maxRequests} requests (one a check, never retried: --retries does not apply),`,
      "  paced by --rate-limit; all are reads.",
      "  A field Polyv adds is a warning; a field missing, a type changed, a code or message changed is",
      "  drift: exit 1. The secret and the sign are never printed (--verbose shows each exchange masked).",
    ].join("\n"),
  ),
  Command.withExamples(({ commandPath }) => {
    const self = commandPath.join(" ")
    return [
      { command: `${self} --channel 2272655`, description: "Every check, as a table (✓, drift, warning)" },
      {
        command: `${self} --channel 2272655 --session fv3ldt4dhn --users 1b448be323 --format json > verify.json`,
        description: "A JSON report, e.g. from a nightly CI job; exit 1 on drift",
      },
    ]
  }),
)
