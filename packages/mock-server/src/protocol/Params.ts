/**
 * Decodes an endpoint's business parameters with the contract's own schema, answering as Polyv
 * does: a missing required parameter is `param should not be empty: <name>`, anything else that
 * does not decode is `param validate error`.
 *
 * @module
 */
import { ApiFailures, Contract, Signer } from "@polyv-stats/core"
import { Result, Schema } from "effect"
import { data, failure, type Outcome } from "./Outcome.js"

/** What checking an endpoint's parameters needs, worked out once per endpoint (every request checks). */
interface ParamChecks {
  readonly fields: ReadonlyArray<{ readonly name: string; readonly optional: boolean }>
  readonly decode: (wire: Record<string, string>) => Result.Result<unknown, unknown>
}
const checksOf = new WeakMap<Contract.AnyEndpoint, ParamChecks>()
const paramChecks = (endpoint: Contract.AnyEndpoint): ParamChecks => {
  let checks = checksOf.get(endpoint)
  if (checks === undefined) {
    checks = {
      fields: Contract.paramFields(endpoint),
      decode: Schema.decodeUnknownResult(endpoint.params),
    }
    checksOf.set(endpoint, checks)
  }
  return checks
}

export const decodeParams = <E extends Contract.AnyEndpoint>(
  endpoint: E,
  params: ReadonlyMap<string, string>,
): Outcome<Contract.ParamsOf<E>> => {
  const { decode, fields } = paramChecks(endpoint)
  const wire: Record<string, string> = {}
  for (const { name, optional } of fields) {
    const value = params.get(name)
    if (Signer.isBlank(value)) {
      if (!optional) return failure("ParamValidateError", ApiFailures.missingParamMessage(name))
    } else {
      wire[name] = value
    }
  }
  const decoded = decode(wire)
  return Result.isSuccess(decoded)
    ? data(decoded.success as Contract.ParamsOf<E>)
    : failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))
}
