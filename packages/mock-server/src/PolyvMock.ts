/**
 * The mock Polyv: routes a request to its endpoint, runs the gateway's rate limit and any
 * injected fault, then Polyv's checks in Polyv's order (application, timestamp, sign, nonce,
 * then parameters), lets a matching stub, else a replayed cassette's recorded answer, else the
 * endpoint decide (with `strict`, a request naming what the world lacks — or, with a cassette,
 * one it did not record — is refused instead), answers with the envelope and per-endpoint code of
 * the contract, and writes the exchange to its journal. Requests under `/__mock/` go to the
 * admin API instead (see `admin/AdminApi.ts`).
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
import { Redacted, Result } from "effect"
import { type AdminTarget, handleAdmin } from "./admin/AdminApi.js"
import type { AdminGate } from "./admin/AdminGate.js"
import { isAdminPath } from "./admin/AdminPrefix.js"
import { adminError } from "./admin/AdminResponses.js"
import { businessParams } from "./cassette/Cassette.js"
import { Replay } from "./cassette/Replay.js"
import { addStubs, CheckedOptions } from "./CheckedOptions.js"
import { MockClock } from "./clock/MockClock.js"
import { EndedDurations } from "./endpoints/EndedDurations.js"
import { type EndpointContext, type EndpointHandler, plainBody } from "./endpoints/EndpointContext.js"
import { handlers } from "./endpoints/index.js"
import { ReportBook } from "./endpoints/ReportBook.js"
import { type Unexplained, unexplained } from "./endpoints/WorldFacts.js"
import { faultHeader, FaultInjector, faultKinds, isFaultKind } from "./faults/FaultInjector.js"
import { gatewayError, malformed } from "./faults/FaultResponses.js"
import { callsIn, type RecordedCall } from "./journal/Calls.js"
import { type AnsweredBy, Journal, type JournalOutcome } from "./journal/Journal.js"
import { type Unexpected, unexpectedIn } from "./journal/Unexpected.js"
import { demoCredentials, type MockOptions, type ResolvedOptions, timestampWindowMillis } from "./MockOptions.js"
import * as OpenApi from "./openapi/OpenApi.js"
import { type Application, authenticate } from "./protocol/Authentication.js"
import {
  connectionReset,
  inProcessClient,
  jsonHeaders,
  type MockRequest,
  mockRequest,
  type MockResponse,
} from "./protocol/MockRequest.js"
import { NonceBook } from "./protocol/NonceBook.js"
import { failure, type Outcome, serverFailure } from "./protocol/Outcome.js"
import { ownError, unexpectedMessage, unexpectedStatus } from "./protocol/OwnError.js"
import { decodeParams } from "./protocol/Params.js"
import { SecretRedactor } from "./protocol/SecretRedactor.js"
import { RateLimiter } from "./ratelimit/RateLimiter.js"
import { serveReport } from "./reports/ReportDownload.js"
import { ReportFiles } from "./reports/ReportFiles.js"
import { type AnyStubSpec, problemLines, type StubSpec } from "./stubs/Stub.js"
import { StubBook, type StubHandle } from "./stubs/StubBook.js"
import { Random } from "./world/Random.js"
import { World } from "./world/World.js"
import { dumpWorld } from "./world/WorldDump.js"
import type { WorldFile } from "./world/WorldFile.js"

/**
 * An endpoint of the contract with its behaviour and how its success data goes on the wire. Its
 * types are any endpoint's (params and data `any`): each entry of `handlers` was checked against its
 * own endpoint's types, and `run` feeds a handler only what its endpoint's schema decoded.
 */
type Route = {
  readonly endpoint: Contract.AnyEndpoint
  readonly handle: (
    params: Contract.ParamsOf<Contract.AnyEndpoint>,
    context: EndpointContext,
    now: number,
  ) => Outcome<unknown>
  readonly writeBody: (
    data: Contract.DataOf<Contract.AnyEndpoint>,
    envelope: (wire: unknown) => unknown,
  ) => string
  /** For the strict option: what the request names that the world lacks (see `WorldFacts`). */
  readonly unexplained: (params: Contract.ParamsOf<Contract.AnyEndpoint>, world: World) => string | undefined
}
const routeOf = (
  endpoint: Contract.AnyEndpoint,
  // `Handlers` types each entry against its own endpoint; once routed, `run` feeds a handler only
  // what that endpoint's schema decoded, so the table's entries are taken as handlers of any.
  { handle, writeBody }: EndpointHandler<any>,
  explains: Unexplained<any>,
): Route => ({ endpoint, handle, writeBody: writeBody ?? plainBody(endpoint), unexplained: explains })

/** Every endpoint of the contract, by path, with its handler (the table's type asks one for each). */
const routes: ReadonlyMap<string, Route> = new Map(
  Contract.endpoints.map((
    endpoint,
  ) => [endpoint.path, routeOf(endpoint, handlers[endpoint.name], unexplained[endpoint.name])]),
)

/** What an answer was, for the journal. */
type Answered = { readonly response: MockResponse; readonly outcome: JournalOutcome }

export class PolyvMock implements AdminTarget {
  readonly options: ResolvedOptions
  readonly world: World
  readonly clock: MockClock
  readonly journal: Journal
  readonly faults: FaultInjector
  readonly rateLimiter: RateLimiter
  readonly nonces: NonceBook
  readonly reports: ReportBook
  /** The report files built so far, kept (a report's bytes never change). */
  readonly reportFiles: ReportFiles
  readonly adminGate: AdminGate
  /** The stubs made (`stub`, `--stubs`, `POST /__mock/stubs`) and how far each has answered. */
  readonly stubs: StubBook
  /** The cassette's recorded answers (the `cassette` option), or `undefined`: one check per request. */
  readonly replay: Replay | undefined
  /** Cuts the app secret out of request text the mock quotes back (see {@link SecretRedactor}). */
  readonly redact: (text: string) => string
  private readonly app: Application
  /** What every handler reads besides the request: the same objects for every request. */
  private readonly context: EndpointContext
  private requests = 0

  /**
   * Makes a mock of `options`, which are checked whole first (a bad one throws, naming it); or of
   * options already checked by {@link CheckedOptions.of}, as they are.
   */
  constructor(options?: MockOptions | CheckedOptions) {
    const checked = CheckedOptions.isChecked(options) ? options : CheckedOptions.of(options)
    this.options = checked.resolved
    this.world = this.options.world === undefined
      ? new World(this.options.seed, this.options.anchor, this.options.size)
      : World.fromFile(this.options.world, this.options.seed, this.options.anchor)
    this.app = { appId: this.options.appId, appSecret: Redacted.make(this.options.appSecret) }
    this.clock = new MockClock(this.options.clock)
    // One redactor for everything the mock quotes back: the journal and its answers.
    const redactor = new SecretRedactor(this.options.appSecret)
    this.redact = redactor.text
    this.journal = new Journal(this.options.journalSize, redactor)
    this.faults = new FaultInjector(this.options.seed, this.options.faults)
    this.rateLimiter = new RateLimiter(this.options.rateLimit)
    this.nonces = new NonceBook(timestampWindowMillis)
    this.reports = new ReportBook({ polls: this.options.reportPolls, seconds: this.options.reportSeconds })
    this.reportFiles = new ReportFiles()
    // The token is kept only as a digest inside the gate: never in `options`.
    this.adminGate = checked.adminGate
    this.stubs = new StubBook()
    this.replay = this.options.cassette === undefined ? undefined : new Replay(this.options.cassette)
    this.context = {
      world: this.world,
      options: this.options,
      reports: this.reports,
      durations: new EndedDurations(),
    }
    addStubs(this.stubs, this.options.stubs)
  }

  /**
   * The mock's current time (ms): its clock source plus whatever the admin API moved it by. It is
   * the data's "now", the one notion of it every endpoint reads (default ranges, aggregation, which
   * sessions have ended, report timing); timestamps are checked against it too, unless
   * `timestampClock` says otherwise.
   */
  now(): number {
    return this.clock.now()
  }

  /**
   * Answers one request, as a promise. An answer may ask its adapter to wait (`delayMillis`) or to
   * drop the connection (`reset`); {@link fetch} and the socket server do both. {@link respond} is
   * the same without the promise where the answer is ready at once.
   */
  async handle(request: MockRequest): Promise<MockResponse> {
    return this.respond(request)
  }

  /**
   * Answers one request: an API call at once (it never waits, so no promise and no microtask on
   * the path every call takes), the admin API and report downloads with a promise where they must
   * wait. What an adapter calls; {@link handle} is the same as a promise.
   *
   * @example
   * ```ts
   * import { PolyvMock } from "@polyv-stats/mock-server"
   *
   * const mock = new PolyvMock({ seed: "docs" })
   * const pending = mock.respond({ method: "GET", path: "/live/v3/channel/session/data/list", params: new Map() })
   * const answer = pending instanceof Promise ? await pending : pending
   * answer.body // the envelope refusing the call: it has no appId
   * ```
   */
  respond(request: MockRequest): MockResponse | Promise<MockResponse> {
    return isAdminPath(request.path) ? handleAdmin(this, request) : this.api(request)
  }

  /**
   * The same, as a web-standard `fetch`: in-process, no port. A reset fault rejects with a
   * `TypeError`, as `fetch` does when the network fails; a latency fault waits with the
   * configured `sleep` (and gives up, like `fetch`, when the request's signal aborts).
   */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = await fetchInput(input, init)
    const url = new URL(request.url)
    const answer = await this.respond(mockRequest({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      body: request.body,
      client: inProcessClient,
    }))
    if (answer.delayMillis !== undefined) await abortable(this.options.sleep(answer.delayMillis), request.signal)
    if (answer.reset) throw new TypeError("fetch failed", { cause: connectionReset() })
    return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers })
  }

  /** Forgets per-run state, as `POST /__mock/reset` does. The world, clock and fault settings stay. */
  reset(): ReadonlyArray<string> {
    this.journal.clear()
    this.reports.clear()
    this.nonces.clear()
    this.rateLimiter.clear()
    this.faults.reset()
    this.stubs.rewind()
    this.replay?.rewind()
    this.requests = 0
    return ["journal", "reports", "nonces", "rateLimit", "faultDraws", "stubUses", "cassetteAnswers", "requestIds"]
  }

  /**
   * Makes a stub: the answers a test chooses for one endpoint's requests (those whose decoded
   * parameters `match`), in order, each `times` times (default once; `"always"` on the last), after
   * which the world answers again. Answers are data (checked by the endpoint's data schema here: a
   * `RangeError` names every problem with its path), one of the failures the endpoint's page
   * documents (its message, envelope and code from the contract), or a fault. Polyv's checks run
   * first: a badly signed request, or one whose parameters do not decode, never reaches a stub.
   * The newest matching stub answers; `reset` starts each from its first answer again.
   *
   * @example
   * ```ts
   * import { Contract } from "@polyv-stats/core"
   * import { PolyvMock } from "@polyv-stats/mock-server"
   *
   * const mock = new PolyvMock({ seed: "docs" })
   * const stub = mock.stub({
   *   endpoint: Contract.byName.exportReport,
   *   match: { sessionId: "fxqxnqzd3q" },
   *   answers: [{ failure: "ReportNotReady", times: 2 }, { data: "https://example.com/report.xlsx" }],
   * })
   * // … the code under test polls …
   * stub.used() // 3 once it has its URL; mock.calls(…) shows outcome.by "stub", outcome.stub stub.id
   * stub.remove()
   * ```
   */
  stub<E extends Contract.KnownEndpoint>(spec: StubSpec<E>): StubHandle {
    const made = this.stubs.add(spec as unknown as AnyStubSpec)
    if (Result.isFailure(made)) {
      throw new RangeError(
        `${spec.endpoint?.name ?? "the"} stub has problems: ${problemLines(made.failure).join("; ")}`,
      )
    }
    return made.success
  }

  /**
   * The requests the strict option refused, oldest first: no stub answered them and the world has
   * not what they name (a channel, a session, a user). Read from the journal, so bounded by it and
   * forgotten on `reset`.
   *
   * @example
   * ```ts
   * import { PolyvMock } from "@polyv-stats/mock-server"
   *
   * const mock = new PolyvMock({ seed: "docs", strict: true })
   * // … the code under test runs …
   * mock.unexpected() // [] when the world and the stubs explained every request
   * ```
   */
  unexpected(): Array<Unexpected> {
    return unexpectedIn(this.journal)
  }

  /**
   * The calls made to `endpoint` that the journal still holds, oldest first: every request routed
   * to it, refused ones included (`outcome.by` says who answered: the world, a stub — `outcome.stub`
   * names it —, a fault, the mock's own refusal, or the strict option's), each with its parameters decoded by the contract (`params`, `undefined` when they
   * did not decode; `wire` has them as received, without `sign`). `match` keeps the calls whose
   * decoded parameters deep-equal it on the keys it gives. The journal's ring bounds them
   * (`journalSize`, default 1000): older calls drop out; {@link reset} forgets them.
   *
   * @example
   * ```ts
   * import { Contract } from "@polyv-stats/core"
   * import { PolyvMock } from "@polyv-stats/mock-server"
   *
   * const mock = new PolyvMock({ seed: "docs" })
   * // … run the code under test against mock.fetch …
   * const pages = mock.calls(Contract.byName.sessionList, { channelId: "2272655" })
   * const asked = pages.map((call) => call.params?.page) // typed: the session list's `page`
   * ```
   */
  calls<E extends Contract.AnyEndpoint>(endpoint: E, match?: Partial<Contract.ParamsOf<E>>): Array<RecordedCall<E>> {
    return callsIn(this.journal, endpoint, match)
  }

  /**
   * The world as a world file (what `--dump-world` writes, `GET /__mock/world?full=1` answers):
   * loaded back (`new PolyvMock({ world })`, with the same secret), it answers every endpoint the
   * same. Its `now` is the mock's now. The app secret is written only when it is the public demo
   * one: any other is never written out.
   *
   * @example
   * ```ts
   * import { PolyvMock } from "@polyv-stats/mock-server"
   *
   * const seeded = new PolyvMock({ seed: "docs", size: { channels: 2 } })
   * const again = new PolyvMock({ world: seeded.dumpWorld() }) // the same account, written down
   * ```
   */
  dumpWorld(): WorldFile {
    const { appId, appSecret, reportPolls, reportSeconds } = this.options
    return dumpWorld(this.world, {
      appId,
      appSecret: appSecret === demoCredentials.appSecret ? appSecret : undefined,
      now: this.now(),
      reports: { polls: reportPolls, seconds: reportSeconds },
    })
  }

  /** The OpenAPI document, with this mock's URL among the servers. */
  openApi(): OpenApi.OpenApiDocument {
    return OpenApi.document({ serverUrl: this.options.publicUrl })
  }

  async downloadReport(request: MockRequest): Promise<MockResponse> {
    const now = this.now()
    const response = await serveReport(request.path, request.params, {
      world: this.world,
      key: this.options.appSecret,
      now,
      files: this.reportFiles,
      redact: this.redact,
    })
    this.record(request, now, { status: response.status, message: response.status === 200 ? "report" : "refused" })
    return response
  }

  private api(request: MockRequest): MockResponse {
    const now = this.now()
    const found = routes.get(request.path)
    const { response, outcome } = this.answerApi(request, found, now)
    // The route's own path string where there is one: a server's request path is a slice of the
    // whole request URL, which the journal would otherwise keep alive.
    this.record(request, now, outcome, found?.endpoint.path)
    return response
  }

  private answerApi(request: MockRequest, found: Route | undefined, now: number): Answered {
    // Messages that quote what the client sent (path, method, header) are redacted: a client may
    // have put the secret anywhere. Only failures quote; a success costs nothing here.
    if (!found) {
      const message = `no Polyv endpoint at ${this.redact(request.path)}; the mock serves ${
        [...routes.keys()].join(", ")
      }`
      return { response: ownError(404, message), outcome: { status: 404, code: 404, message } }
    }
    const { endpoint } = found
    if (!(endpoint.methods as ReadonlyArray<string>).includes(request.method)) {
      const message = `${endpoint.path} accepts ${endpoint.methods.join(" or ")}, not ${this.redact(request.method)}`
      return { response: ownError(405, message), outcome: { status: 405, code: 405, message, by: "mock" } }
    }
    const forced = request.headers?.[faultHeader]
    if (forced !== undefined && !isFaultKind(forced)) {
      const message = `unknown ${faultHeader} "${this.redact(forced)}"; the kinds are ${faultKinds.join(", ")}`
      return { response: adminError(400, message), outcome: { status: 400, message, by: "mock" } }
    }
    let fault = this.faults.decide(forced)
    // Only v4 answers carry a request ID; it is made only for them, but every request counts.
    const n = ++this.requests
    const requestId = () => this.requestId(n, now)
    const admitted = this.rateLimiter.admit(request.client ?? inProcessClient, now)

    if (fault === "reset" || fault === "server-error") return faultAnswer(fault, "fault", undefined)
    let by: AnsweredBy = "mock"
    let stub: string | undefined
    let decided: Outcome<unknown> | undefined
    let replay: Answered | undefined
    if (!admitted || fault === "rate-limit") {
      decided = failure("RateLimited", ApiFailures.messageOf("RateLimited"))
      if (fault !== undefined) by = "fault"
    } else if (fault === "fail") {
      decided = serverFailure
      by = "fault"
    } else {
      // Polyv's checks come first: a stub never hides a signing bug, and it matches decoded
      // parameters, so parameters that do not decode get Polyv's answer whatever the stubs say.
      const refused = authenticate(request.params, this.app, this.options.timestampClock?.() ?? now, this.nonces)
      if (refused !== undefined) decided = refused
      else {
        const params = decodeParams(found.endpoint, request.params)
        if (params._tag !== "Data") decided = params
        else {
          // With no stub, this costs one length check.
          const stubbed = this.stubs.size === 0 ? undefined : this.stubs.answer(endpoint, params.data)
          if (stubbed !== undefined) {
            by = "stub"
            stub = stubbed.stub.id
            const { answer } = stubbed
            if (answer._tag === "Outcome") decided = answer.outcome
            else {
              fault = answer.fault
              if (fault === "reset" || fault === "server-error") return faultAnswer(fault, by, stub)
              decided = fault === "fail"
                ? serverFailure
                : fault === "rate-limit"
                ? failure("RateLimited", ApiFailures.messageOf("RateLimited"))
                : this.run(found, params.data, now) // latency and malformed shape the world's answer
            }
          } else {
            // With no cassette, this costs one check.
            const replayed = this.replay === undefined
              ? undefined
              : this.replay.answer(endpoint.name as Contract.EndpointName, request.params, requestId)
            if (replayed !== undefined) {
              const { response, code, message } = replayed
              replay = { response, outcome: { status: response.status, code, message, by: "cassette" } }
            }
            const why = replay !== undefined || !this.options.strict
              ? undefined
              : this.replay !== undefined
              ? notRecorded(endpoint, request.params)
              : found.unexplained(params.data, this.world)
            if (why !== undefined) {
              const message = this.redact(unexpectedMessage(why))
              return {
                response: ownError(unexpectedStatus, message),
                outcome: { status: unexpectedStatus, code: unexpectedStatus, message, by: "strict" },
              }
            }
            if (replay === undefined) {
              decided = this.run(found, params.data, now)
              by = "world"
            }
          }
        }
      }
    }
    const answered = replay ?? this.answer(found, decided!, requestId, by, stub)
    if (fault === undefined) return answered
    const response = fault === "malformed"
      ? malformed(answered.response)
      : fault === "latency"
      ? { ...answered.response, delayMillis: this.faults.config.latencyMillis }
      : answered.response
    return {
      response,
      outcome: { ...answered.outcome, status: response.status, fault, by: stub === undefined ? "fault" : "stub" },
    }
  }

  private run(route: Route, params: Contract.ParamsOf<Contract.AnyEndpoint>, now: number): Outcome<unknown> {
    return route.handle(params, this.context, now)
  }

  private answer(
    route: Route,
    outcome: Outcome<unknown>,
    requestId: () => string,
    by: AnsweredBy,
    stub: string | undefined,
  ): Answered {
    const { endpoint } = route
    let code = 200
    let body: string | Uint8Array
    let message = ""
    if (outcome._tag === "Data") {
      body = route.writeBody(
        outcome.data,
        endpoint.envelope === "v3" ? Envelope.v3Success : (wire) => Envelope.v4Success(requestId(), wire),
      )
    } else {
      code = endpoint.errorCodes[outcome.failure] ?? 400
      // A failure may quote a parameter (`illegal channel id: <id>`).
      message = this.redact(outcome.message)
      body = JSON.stringify(
        endpoint.envelope === "v3"
          ? Envelope.v3Error(code, message, outcome.fail ? "fail" : "error")
          : Envelope.v4Error(code, requestId(), ApiFailures.apiFailures[outcome.failure].v4Code, message),
      )
    }
    const status = httpStatusOf(this.options.httpStatus, endpoint.envelope, code)
    return {
      response: { status, headers: jsonHeaders, body },
      outcome: {
        status,
        code,
        message,
        failure: outcome._tag === "Data" ? undefined : outcome.failure,
        by,
        stub,
      },
    }
  }

  private record(request: MockRequest, now: number, outcome: JournalOutcome, path = request.path): void {
    this.journal.record({
      time: now,
      method: request.method,
      path,
      params: request.params,
      client: request.client,
      outcome,
    })
  }

  /** v4 request IDs look like Polyv's (`<32 hex>.<n>.<17 digits>`) and follow from seed and count. */
  private requestId(n: number, now: number): string {
    const hex = new Random(`${this.options.seed}/request/${n}`).text(32, "0123456789abcdef")
    return `${hex}.${n}.${now}${String(n % 10_000).padStart(4, "0")}`
  }
}

/** Why strict refuses a request a cassette lacks: the endpoint and its business parameters. */
const notRecorded = (endpoint: Contract.AnyEndpoint, params: ReadonlyMap<string, string>): string =>
  `the cassette holds no ${endpoint.name} call with ${JSON.stringify(businessParams(params))}`

/** The faults that answer instead of Polyv: no answer at all, or a gateway's page. */
const faultAnswer = (fault: "reset" | "server-error", by: AnsweredBy, stub: string | undefined): Answered => {
  const response = fault === "reset" ? { status: 0, headers: {}, body: "", reset: true } : gatewayError()
  const message = fault === "reset" ? "connection reset" : "gateway error (not an envelope)"
  return { response, outcome: { status: response.status, message, fault, by, stub } }
}

/**
 * The HTTP status of an envelope answer. Page 003 says of a v4 body's `code`: "状态码,与 http 状态码
 * 相同" (the status code, the same as the HTTP status), so a v4 answer keeps status = code in every
 * mode; only v3, whose pages are silent and whose real runs answered 200, follows `always200`.
 */
const httpStatusOf = (mode: ResolvedOptions["httpStatus"], envelope: Envelope.EnvelopeKind, code: number) =>
  mode === "always200" && envelope === "v3" ? 200 : code

/** What the in-process `fetch` reads of its input. */
interface FetchInput {
  readonly url: string
  readonly method: string
  readonly headers: Headers
  /** The text of a POST body; "" otherwise. */
  readonly body: string
  readonly signal: AbortSignal | undefined
}

/**
 * A URL and a plain init (what `FetchHttpClient` passes for a GET) are read as they are; anything
 * else goes through a `Request`, as `fetch` would. A `Request` follows the caller's abort signal
 * until a full GC finalises it: a stream's thousands of calls piled those up in the old generation.
 */
const fetchInput = async (input: RequestInfo | URL, init: RequestInit | undefined): Promise<FetchInput> => {
  const method = (init?.method ?? "GET").toUpperCase()
  if (typeof input === "string" || input instanceof URL) {
    if (method === "GET" && (init?.body === undefined || init.body === null)) {
      return {
        url: String(input),
        method,
        headers: new Headers(init?.headers),
        body: "",
        signal: init?.signal ?? undefined,
      }
    }
  }
  const request = new Request(input, init)
  const body = request.method === "POST" ? await request.text() : ""
  return { url: request.url, method: request.method, headers: request.headers, body, signal: request.signal }
}

/** Waits for `wait`, or rejects as `fetch` does when `signal` aborts first. */
const abortable = (wait: Promise<void>, signal: AbortSignal | undefined): Promise<void> =>
  signal === undefined
    ? wait
    : signal.aborted
    ? Promise.reject(signal.reason)
    : new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason)
      signal.addEventListener("abort", onAbort, { once: true })
      wait.then(() => {
        signal.removeEventListener("abort", onAbort)
        resolve()
      }, reject)
    })
