/**
 * An OpenAPI 3.1 document of the five endpoints, derived from `@polyv-stats/core`'s contract —
 * nothing here names an endpoint, a parameter or a message: paths, methods, parameters (their
 * wire form and whether they are required, from each endpoint's params schema), the success
 * envelope around each data schema, and the error codes and messages each page documents all
 * come from the contract, `Envelope` and `ApiFailures`. Served at `/__mock/openapi.json` and
 * written to the package as `openapi.json` by its build.
 *
 * @example
 * ```ts
 * import { OpenApi } from "@polyv-stats/mock-server"
 *
 * const spec = OpenApi.document()
 * Object.keys(spec.paths) // the five Polyv paths
 * ```
 * @module
 */
import { ApiFailures, Contract, Envelope, Signer } from "@polyv-stats/core"
import { Schema } from "effect"

type JsonSchema = { readonly [key: string]: unknown }

/** The JSON Schema of a schema's wire (encoded) side, without the document wrapper. */
const jsonSchemaOf = (schema: Schema.Top): JsonSchema => Schema.toJsonSchemaDocument(schema).schema as JsonSchema

/** The value of an envelope built by core's own builders, turned into a JSON Schema with `data` swapped in. */
const objectSchema = (example: Record<string, unknown>, overrides: Record<string, JsonSchema>): JsonSchema => ({
  type: "object",
  required: Object.keys(example),
  properties: Object.fromEntries(
    Object.entries(example).map(([key, value]) => [
      key,
      overrides[key] ?? (value !== null && typeof value === "object"
        ? objectSchema(value as Record<string, unknown>, {})
        : { type: typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string" }),
    ]),
  ),
})

const requestIdSchema: JsonSchema = { type: "string", pattern: "^[0-9a-f]{32}\\.\\d+\\.\\d{17}$" }

const successSchema = (endpoint: Contract.AnyEndpoint): JsonSchema => {
  const data = jsonSchemaOf(endpoint.data)
  return endpoint.envelope === "v3"
    ? objectSchema(Envelope.v3Success(null), { data })
    : objectSchema(Envelope.v4Success("", null), { data, requestId: requestIdSchema })
}

const errorSchema = (endpoint: Contract.AnyEndpoint): JsonSchema =>
  endpoint.envelope === "v3"
    ? objectSchema(Envelope.v3Error(400, ""), {})
    : objectSchema(Envelope.v4Error(400, "", 0, ""), { requestId: requestIdSchema })

/** The failures of an endpoint grouped by the body code (= HTTP status by default) they answer with. */
const failuresByCode = (endpoint: Contract.AnyEndpoint) => {
  const byCode = new Map<number, Array<ApiFailures.ApiFailureTag>>()
  for (const [tag, code] of Object.entries(endpoint.errorCodes) as Array<[ApiFailures.ApiFailureTag, number]>) {
    byCode.set(code, [...(byCode.get(code) ?? []), tag])
  }
  return [...byCode].toSorted(([a], [b]) => a - b)
}

const failureDoc = (tag: ApiFailures.ApiFailureTag) => ({
  failure: tag,
  messages: ApiFailures.apiFailures[tag].messages,
  v4Code: ApiFailures.apiFailures[tag].v4Code,
})

/** The parameters every call carries, from the signing rules. */
const commonParameters = {
  [Signer.appIdParam]: { name: Signer.appIdParam, in: "query", required: true, schema: { type: "string" } },
  [Signer.timestampParam]: {
    name: Signer.timestampParam,
    in: "query",
    required: true,
    description: `Milliseconds since the epoch (13 digits); accepted within ${
      Signer.timestampWindowMillis / 60_000
    } minutes of the server's clock.`,
    schema: { type: "string", pattern: Contract.WireTypes.millisPattern.source },
  },
  [Signer.signParam]: {
    name: Signer.signParam,
    in: "query",
    required: true,
    description:
      "Upper-case hex MD5 (or SHA-256) of appSecret + the other non-blank parameters sorted by name as name+value + appSecret.",
    schema: { type: "string", pattern: "^[0-9A-F]{32}([0-9A-F]{32})?$" },
  },
  [Signer.methodParam]: {
    name: Signer.methodParam,
    in: "query",
    required: false,
    schema: { type: "string", enum: ["MD5", "SHA256"] },
  },
  [Signer.nonceParam]: {
    name: Signer.nonceParam,
    in: "query",
    required: false,
    description: "A unique string; signed. A nonce reused within the timestamp window is refused.",
    schema: { type: "string" },
  },
} as const

const parametersOf = (endpoint: Contract.AnyEndpoint) =>
  Contract.paramFields(endpoint).map((field) => ({
    name: field.name,
    in: "query",
    required: !field.optional,
    schema: jsonSchemaOf(field.schema),
  }))

const formBodyOf = (endpoint: Contract.AnyEndpoint) => {
  const fields = Contract.paramFields(endpoint)
  const commons = Object.values(commonParameters)
  return {
    required: true,
    content: {
      "application/x-www-form-urlencoded": {
        schema: {
          type: "object",
          required: [
            ...commons.filter((p) => p.required).map((p) => p.name),
            ...fields.filter((f) => !f.optional).map((f) => f.name),
          ],
          properties: Object.fromEntries([
            ...commons.map((p) => [p.name, p.schema] as const),
            ...fields.map((f) => [f.name, jsonSchemaOf(f.schema)] as const),
          ]),
        },
      },
    },
  }
}

const operationOf = (endpoint: Contract.AnyEndpoint, method: Contract.Method) => {
  const common = Object.keys(commonParameters).map((name) => ({ $ref: `#/components/parameters/${name}` }))
  const responses: Record<string, unknown> = {
    "200": {
      // A v4 error keeps its status (page 003): only v3 error envelopes may come with 200.
      description: endpoint.envelope === "v3"
        ? "Success envelope (and, with the mock's always200 mode or real v3 runs, error envelopes too)"
        : "Success envelope",
      content: { "application/json": { schema: successSchema(endpoint) } },
    },
  }
  for (const [code, tags] of failuresByCode(endpoint)) {
    responses[String(code)] = {
      description: tags.map((tag) => `${tag}: ${ApiFailures.apiFailures[tag].messages.join(" | ")}`).join("; "),
      content: { "application/json": { schema: errorSchema(endpoint) } },
    }
  }
  return {
    operationId: method === endpoint.methods[0]
      ? endpoint.name
      : `${endpoint.name}${method[0]}${method.slice(1).toLowerCase()}`,
    summary: endpoint.title.en,
    description: `${endpoint.title.zh} — seed page ${endpoint.seed}, ${endpoint.envelope} envelope.`,
    ...(method === "GET"
      ? { parameters: [...common, ...parametersOf(endpoint)] }
      : { requestBody: formBodyOf(endpoint) }),
    responses,
    "x-polyv-envelope": endpoint.envelope,
    "x-polyv-error-codes": Object.fromEntries(
      (Object.entries(endpoint.errorCodes) as Array<[ApiFailures.ApiFailureTag, number]>).map(([tag, code]) => [
        tag,
        { code, ...failureDoc(tag) },
      ]),
    ),
  }
}

/** The document. `serverUrl` adds the mock's own URL after Polyv's. */
export const document = (options: { readonly serverUrl?: string | undefined } = {}) => ({
  openapi: "3.1.0",
  info: {
    title: "Polyv live statistics (the five endpoints of polyv-stats)",
    version: "0.1.0",
    description:
      "Derived from @polyv-stats/core's contract. Every date and date-time on the wire is China time (UTC+8). HTTP status equals the body code unless the server answers 200 always (real v3 runs do).",
  },
  servers: [
    { url: "https://api.polyv.net", description: "Polyv" },
    ...(options.serverUrl ? [{ url: options.serverUrl, description: "this mock" }] : []),
  ],
  paths: Object.fromEntries(
    Contract.endpoints.map((endpoint) => [
      endpoint.path,
      Object.fromEntries(endpoint.methods.map((method) => [method.toLowerCase(), operationOf(endpoint, method)])),
    ]),
  ),
  components: { parameters: commonParameters },
})

export type OpenApiDocument = ReturnType<typeof document>
