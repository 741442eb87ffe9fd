/**
 * Judges one answer against the contract, with the contract's own schemas rather than field lists:
 * a field missing, a type changed, a code or a message changed is drift; a field Polyv adds
 * (found by decoding again with `onExcessProperty: "error"`) is a warning.
 *
 * @module
 */
import { ApiFailures, Envelope } from "@polyv-stats/core"
import { Result, Schema, SchemaIssue } from "effect"
import { type Check, documentedCode } from "./Checks.js"
import type { Answer } from "./Exchange.js"

export type Outcome = "ok" | "warning" | "drift" | "skipped"

export interface Verdict {
  readonly outcome: Outcome
  readonly expected: string
  readonly got: string
  /** What differs, one item each (empty when it matches). */
  readonly notes: ReadonlyArray<string>
  /** The decoded data of a valid call that matched (the next checks take values from it). */
  readonly data?: unknown
}

const formatIssue = SchemaIssue.makeFormatterDefault()
const strict = { onExcessProperty: "error", errors: "all" } as const
const lenient = { errors: "all" } as const

/** A decoder of a schema, and the same refusing fields it does not declare. */
const decoders = (schema: Schema.Codec<any, any>) => ({
  lenient: Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>, lenient),
  strict: Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>, strict),
})

const envelopes = { v3: decoders(Envelope.V3), v4: decoders(Envelope.V4) }

/** The envelope's fields a verdict reads, whichever kind. */
interface Fields {
  readonly code: number
  readonly status: string
  readonly message?: string
  readonly data?: unknown
  readonly error?: { readonly code: number; readonly desc: string }
  readonly success?: boolean
}

const succeeded = (e: Fields) => e.success ?? (e.status === "success" && e.code === 200)
const messageOf = (e: Fields) => e.error?.desc ?? e.message ?? ""
const quoted = (e: Fields) => `${e.code} ${JSON.stringify(messageOf(e))}`

/** What a valid call expects: a success envelope whose data decodes. */
const successExpected = (check: Check) => `200 success, data of ${check.endpoint.name}`

/** The code and message the page documents for a refusal. */
export const expectedRefusal = (check: Check, value: string | undefined) => {
  const tag = check.refusal!
  return { code: documentedCode(check.endpoint, tag)!, message: ApiFailures.messageOf(tag, value) }
}

/** The answer as JSON and as the endpoint's envelope, or the drift that it is neither. */
const envelopeOf = (check: Check, answer: Answer, expected: string): Result.Result<Fields, Verdict> => {
  let json: unknown
  try {
    json = JSON.parse(answer.text)
  } catch {
    const head = answer.text.trim().slice(0, 60)
    return Result.fail({
      outcome: "drift",
      expected,
      got: `HTTP ${answer.status} ${answer.contentType || "(no content type)"}`,
      notes: [`the body is not JSON: ${JSON.stringify(head)}`],
    })
  }
  const decoded = envelopes[check.endpoint.envelope].lenient(json)
  if (Result.isFailure(decoded)) {
    return Result.fail({
      outcome: "drift",
      expected,
      got: `HTTP ${answer.status}`,
      notes: [`not a ${check.endpoint.envelope} envelope: ${formatIssue(decoded.failure.issue)}`],
    })
  }
  return Result.succeed(decoded.success as Fields)
}

/** Fields the strict decoder refuses that the lenient one took: what Polyv added. */
const added = (strictResult: Result.Result<unknown, Schema.SchemaError>, where: string): Array<string> =>
  Result.isFailure(strictResult)
    ? [`${where} has fields the contract does not name: ${formatIssue(strictResult.failure.issue)}`]
    : []

const judgeValid = (check: Check, answer: Answer): Verdict => {
  const expected = successExpected(check)
  const read = envelopeOf(check, answer, expected)
  if (Result.isFailure(read)) return read.failure
  const envelope = read.success
  const kind = envelopes[check.endpoint.envelope]
  if (!succeeded(envelope)) {
    const refusal = ApiFailures.classifyMessage(messageOf(envelope))
    // The export answers "not ready" for a session whose report is being made: documented, not drift.
    if (
      refusal?.tag === "ReportNotReady" && documentedCode(check.endpoint, "ReportNotReady") === envelope.code &&
      messageOf(envelope) === ApiFailures.messageOf("ReportNotReady")
    ) {
      return { outcome: "ok", expected, got: quoted(envelope), notes: ["the report is not ready yet (documented)"] }
    }
    return { outcome: "drift", expected, got: quoted(envelope), notes: ["a valid call was refused"] }
  }
  const data = decoders(check.endpoint.data)
  const decoded = data.lenient(envelope.data)
  if (Result.isFailure(decoded)) {
    return {
      outcome: "drift",
      expected,
      got: "200 success, data not as the contract",
      notes: [formatIssue(decoded.failure.issue)],
    }
  }
  const warnings = [
    ...added(kind.strict(JSON.parse(answer.text)), "the envelope"),
    ...added(data.strict(envelope.data), "data"),
  ]
  return {
    outcome: warnings.length > 0 ? "warning" : "ok",
    expected,
    got: "200 success",
    notes: warnings,
    data: decoded.success,
  }
}

const judgeRefusal = (check: Check, answer: Answer, value: string | undefined): Verdict => {
  const want = expectedRefusal(check, value)
  const expected = `${want.code} ${JSON.stringify(want.message)}`
  const read = envelopeOf(check, answer, expected)
  if (Result.isFailure(read)) return read.failure
  const envelope = read.success
  if (succeeded(envelope)) {
    return { outcome: "drift", expected, got: "200 success", notes: ["a wrong request was accepted"] }
  }
  const message = messageOf(envelope)
  const notes = [
    ...(envelope.code === want.code ? [] : [`code ${envelope.code}, the page documents ${want.code}`]),
    ...(message === want.message
      ? []
      : [`message ${JSON.stringify(message)}, expected ${JSON.stringify(want.message)}`]),
  ]
  return { outcome: notes.length > 0 ? "drift" : "ok", expected, got: quoted(envelope), notes }
}

/** Judges one answer. `value` is what a refusal's message names (an unknown channel). */
export const judge = (check: Check, answer: Answer, value: string | undefined): Verdict =>
  check.refusal === undefined ? judgeValid(check, answer) : judgeRefusal(check, answer, value)

/** A check that sent nothing, and why. */
export const skipped = (check: Check, why: string): Verdict => ({
  outcome: "skipped",
  expected: check.refusal === undefined ? successExpected(check) : "",
  got: "not sent",
  notes: [why],
})
