/**
 * The mock Polyv: routes a request to its endpoint, runs Polyv's checks in Polyv's order
 * (application, timestamp, sign, then parameters), lets the endpoint decide, and answers with
 * the envelope and per-endpoint code of the contract.
 *
 * @example
 * ```ts
 * import { PolyvMock } from "@polyv-stats/mock-server"
 *
 * const mock = new PolyvMock({ seed: "docs", now: Date.parse("2026-01-01T00:00:00Z") })
 * const response = await mock.fetch("http://mock/live/v3/channel/session/data/list?appId=…")
 * ```
 * @module
 */
import { ApiFailures, Contract, Envelope } from "@polyv-stats/core"
import { Redacted, Schema } from "effect"
import type { EndpointContext, Handler } from "./endpoints/EndpointContext.js"
import { handleExportReport } from "./endpoints/exportReport.js"
import { handleLiveDurations } from "./endpoints/liveDurations.js"
import { handleMicHistory } from "./endpoints/micHistory.js"
import { ReportBook } from "./endpoints/ReportBook.js"
import { handleSessionList } from "./endpoints/sessionList.js"
import { handleYunduoSummary } from "./endpoints/yunduoSummary.js"
import { type MockOptions, type ResolvedOptions, resolveOptions } from "./MockOptions.js"
import { type Application, authenticate } from "./protocol/Authentication.js"
import { collectParams, jsonHeaders, type MockRequest, type MockResponse } from "./protocol/MockRequest.js"
import type { Outcome } from "./protocol/Outcome.js"
import { decodeParams } from "./protocol/Params.js"
import { Random } from "./world/Random.js"
import { World } from "./world/World.js"

type Route<E extends Contract.AnyEndpoint> = { readonly endpoint: E; readonly handle: Handler<E> }
const routeOf = <E extends Contract.AnyEndpoint>(endpoint: E, handle: Handler<E>): Route<Contract.AnyEndpoint> =>
  ({ endpoint, handle }) as unknown as Route<Contract.AnyEndpoint>

/** Every endpoint of the contract with its behaviour; the list is checked against the contract. */
const routes: ReadonlyMap<string, Route<Contract.AnyEndpoint>> = new Map(
  [
    routeOf(Contract.exportReport, handleExportReport),
    routeOf(Contract.yunduoSummary, handleYunduoSummary),
    routeOf(Contract.liveDurations, handleLiveDurations),
    routeOf(Contract.micHistory, handleMicHistory),
    routeOf(Contract.sessionList, handleSessionList),
  ].map((r) => [r.endpoint.path, r]),
)

const ownError = (status: number, message: string): MockResponse => ({
  status,
  headers: jsonHeaders,
  body: JSON.stringify(Envelope.v3Error(status, message)),
})

export class PolyvMock {
  readonly options: ResolvedOptions
  readonly world: World
  private readonly app: Application
  private readonly reports: ReportBook
  private requests = 0

  constructor(options?: MockOptions) {
    this.options = resolveOptions(options)
    this.world = new World(this.options.seed, this.options.anchor, this.options.world)
    this.app = { appId: this.options.appId, appSecret: Redacted.make(this.options.appSecret) }
    this.reports = new ReportBook(this.options.reportPolls)
  }

  /** The mock's current time (ms). */
  now(): number {
    return this.options.clock()
  }

  /** Answers one request. */
  handle(request: MockRequest): MockResponse {
    const found = routes.get(request.path)
    if (!found) {
      return ownError(
        404,
        `no Polyv endpoint at ${request.path}; the mock serves ${[...routes.keys()].join(", ")}`,
      )
    }
    const { endpoint } = found
    if (!(endpoint.methods as ReadonlyArray<string>).includes(request.method)) {
      return ownError(405, `${endpoint.path} accepts ${endpoint.methods.join(" or ")}, not ${request.method}`)
    }
    const now = this.now()
    const requestNumber = ++this.requests
    const context: EndpointContext = { world: this.world, now, options: this.options, reports: this.reports }
    const outcome: Outcome<unknown> = authenticate(request.params, this.app, now) ?? this.run(found, request, context)
    return this.answer(endpoint, outcome, this.requestId(requestNumber, now))
  }

  /** The same, as a web-standard `fetch`: in-process, no port. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const form = request.method === "POST" &&
        (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")
      ? new URLSearchParams(await request.text())
      : new URLSearchParams()
    const answer = this.handle({
      method: request.method,
      path: url.pathname,
      params: collectParams(url.searchParams, form),
    })
    return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers })
  }

  private run(route: Route<Contract.AnyEndpoint>, request: MockRequest, context: EndpointContext): Outcome<unknown> {
    const params = decodeParams(route.endpoint, request.params)
    return params._tag === "Data" ? route.handle(params.data, context) : params
  }

  private answer(endpoint: Contract.AnyEndpoint, outcome: Outcome<unknown>, requestId: string): MockResponse {
    let code = 200
    let body: unknown
    if (outcome._tag === "Data") {
      const wire = Schema.encodeSync(endpoint.data)(outcome.data)
      body = endpoint.envelope === "v3" ? Envelope.v3Success(wire) : Envelope.v4Success(requestId, wire)
    } else {
      code = endpoint.errorCodes[outcome.failure] ?? 400
      body = endpoint.envelope === "v3"
        ? Envelope.v3Error(code, outcome.message)
        : Envelope.v4Error(code, requestId, ApiFailures.apiFailures[outcome.failure].v4Code, outcome.message)
    }
    return {
      status: this.options.httpStatus === "always200" ? 200 : code,
      headers: jsonHeaders,
      body: JSON.stringify(body),
    }
  }

  /** v4 request IDs look like Polyv's (`<32 hex>.<n>.<17 digits>`) and follow from seed and count. */
  private requestId(n: number, now: number): string {
    const hex = new Random(`${this.options.seed}/request/${n}`).text(32, "0123456789abcdef")
    return `${hex}.${n}.${now}${String(n % 10_000).padStart(4, "0")}`
  }
}
