/**
 * Fuzzing the client's decoders: whatever comes back — random JSON, truncated bodies, wrong types,
 * HTML error pages, empty bodies, any status — a call ends in data or a typed error, never a
 * defect or a throw. Bodies go through the whole client (fetch → envelope → data schema).
 */
import { Cause, Effect, Exit, Layer, Redacted } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyRuns } from "../../../propertyRuns.js"
import { jsonExamples } from "../../../spec/seedPages.js"
import { Contract, PolyvClient, type PolyvClientService } from "../src/index.js"
import { sampleParams } from "./sampleParams.js"
import { overFetch } from "./scriptedFetch.js"

const knownTags = new Set([
  "AppIdRequired",
  "ApplicationNotFound",
  "InvalidTimestamp",
  "InvalidSignature",
  "IllegalChannelId",
  "ParamValidateError",
  "ReportNotReady",
  "RateLimited",
  "ServerError",
  "TransportError",
  "UnexpectedResponse",
])

let next: { status: number; body: string } = { status: 200, body: "" }
const fetch =
  (() => Promise.resolve(new Response(next.body, { status: next.status }))) as unknown as typeof globalThis.fetch

const callOf = <K extends Contract.EndpointName>(name: K) => (polyv: PolyvClientService) =>
  polyv.call(Contract.byName[name], sampleParams[name])

const run = (name: Contract.EndpointName, answer: { status: number; body: string }) => {
  next = answer
  return Effect.runPromiseExit(
    PolyvClient.use(callOf(name)).pipe(
      Effect.provide(
        PolyvClient.layer({ appId: "a", appSecret: Redacted.make("s"), retry: false, rateLimit: false }).pipe(
          Layer.provide(overFetch(fetch)),
        ),
      ),
    ),
  )
}

const expectTyped = (exit: Exit.Exit<unknown, unknown>, body: string) => {
  if (Exit.isSuccess(exit)) return
  expect(Cause.hasDies(exit.cause), `a defect for body ${body.slice(0, 120)}`).toBe(false)
  const error = Cause.squash(exit.cause) as { _tag?: string }
  expect(knownTags.has(error._tag ?? ""), `untyped failure ${String(error)}`).toBe(true)
}

const status = fc.constantFrom(200, 400, 403, 404, 429, 500, 502, 503)
const runs = propertyRuns(150)

describe.each(Contract.endpoints.map((e) => e.name))("%s decoders", (name) => {
  const endpoint = Contract.endpoints.find((e) => e.name === name)!
  const seedBodies = jsonExamples(endpoint.seed).map((e) => JSON.stringify(e))

  it("random JSON values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), status, async (value, s) => {
        const body = JSON.stringify(value) ?? ""
        expectTyped(await run(name, { status: s, body }), body)
      }),
      runs,
    )
  })

  it("the page's own examples, truncated anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seedBodies), fc.nat(), status, async (body, cut, s) => {
        const truncated = body.slice(0, cut % (body.length + 1))
        expectTyped(await run(name, { status: s, body: truncated }), truncated)
      }),
      runs,
    )
  })

  it("envelopes whose fields have the wrong types", async () => {
    const anything = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.object(),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          code: anything,
          status: fc.oneof(fc.constantFrom("success", "error", "fail"), anything),
          message: anything,
          data: anything,
          requestId: anything,
          error: anything,
          success: anything,
        }, { requiredKeys: [] }),
        status,
        async (envelope, s) => {
          const body = JSON.stringify(envelope)
          expectTyped(await run(name, { status: s, body }), body)
        },
      ),
      runs,
    )
  })

  it("HTML pages, empty bodies and random text", async () => {
    const body = fc.oneof(
      fc.constant(""),
      fc.constant("<html><body><h1>502 Bad Gateway</h1></body></html>"),
      fc.string(),
      fc.string({ unit: "binary" }),
    )
    await fc.assert(
      fc.asyncProperty(body, status, async (b, s) => {
        expectTyped(await run(name, { status: s, body: b }), b)
      }),
      runs,
    )
  })
})
