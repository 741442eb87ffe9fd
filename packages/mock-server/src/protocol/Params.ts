/**
 * Decodes an endpoint's business parameters with the contract's own schema, answering as Polyv
 * does: a missing required parameter is `param should not be empty: <name>`, anything else that
 * does not decode is `param validate error`.
 *
 * @module
 */
import { ApiFailures, type Contract, Signer } from "@polyv-stats/core"
import { Result, Schema, type SchemaAST } from "effect"
import { data, failure, type Outcome } from "./Outcome.js"

const isOptional = (field: { readonly ast: SchemaAST.AST }): boolean => field.ast.context?.isOptional === true

export const decodeParams = <E extends Contract.AnyEndpoint>(
  endpoint: E,
  params: ReadonlyMap<string, string>,
): Outcome<Contract.ParamsOf<E>> => {
  const fields = (endpoint.params as unknown as Schema.Struct<Schema.Struct.Fields>).fields
  const wire: Record<string, string> = {}
  for (const [name, field] of Object.entries(fields)) {
    const value = params.get(name)
    if (Signer.isBlank(value)) {
      if (!isOptional(field)) return failure("ParamValidateError", ApiFailures.missingParamMessage(name))
    } else {
      wire[name] = value
    }
  }
  const decoded = Schema.decodeUnknownResult(endpoint.params)(wire)
  return Result.isSuccess(decoded)
    ? data(decoded.success as Contract.ParamsOf<E>)
    : failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))
}
