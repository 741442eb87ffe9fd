/**
 * The mock's control panel under `/__mock/`, all JSON, no signature needed (it is a test tool):
 *
 * | route | what it does |
 * |---|---|
 * | `GET /__mock/` | lists these routes |
 * | `GET /__mock/journal?limit=n` | the newest requests (method, path, parameters with `sign` but never the secret, outcome, time) |
 * | `GET /__mock/calls?endpoint=<name>` | the calls to one endpoint (`sessionList`, …): parameters decoded, what answered; from the journal, never `sign` or the secret |
 * | `POST /__mock/reset` | forgets the journal (and so the calls), reports, nonces and rate-limit windows; restarts fault draws, stubs and a replayed cassette (from their first answer) and request IDs |
 * | `GET`/`POST /__mock/faults` | reads / changes fault rates and latency (`{"rates":{"reset":0.1},"latencyMillis":500}`; rates 0..1, latency 0..`maxLatencyMillis`) |
 * | `GET`/`POST /__mock/clock` | reads / moves the mock's clock (`{"set":"2026-01-01T00:00:00Z"}` or `{"advance":60000}`, one of the two; within `ClockRange`) |
 * | `GET`/`POST`/`DELETE /__mock/stubs` | lists / adds (one stub or a list, all or none) / removes every stub; `DELETE /__mock/stubs/<id>` removes one (see `stubs/StubFile.ts` for the JSON) |
 * | `GET /__mock/unexpected` | the requests the strict option refused |
 * | `GET /__mock/world` | the account: users and channels; `?full=1`: the whole world as a world file (sessions included), which `--world` loads back |
 * | `GET /__mock/openapi.json` | the OpenAPI 3.1 document of the five endpoints |
 * | `GET /__mock/reports/<channel>/<session>.xlsx` | report downloads (see `reports/ReportDownload.ts`) |
 *
 * `HEAD` on any `GET` route answers what `GET` would, without the body.
 *
 * Mistakes answer `{ "error": { "status", "message" } }` with 400 (bad body or a value out of
 * range, naming the field and the range), 404 (no such route) or 405 (wrong method). Before any
 * route, the {@link AdminGate} refuses other sites' pages (403), a missing token when one is set
 * (401) and writes that are not `Content-Type: application/json` (415); on a socket, a `Host` the
 * mock does not answer to gets 421 (see `Exposure.ts`). Report links are not admin routes: their
 * own token protects them.
 *
 * @example
 * ```ts
 * import { PolyvMock } from "@polyv-stats/mock-server"
 *
 * const mock = new PolyvMock({ seed: "docs" })
 * await mock.fetch("http://mock/__mock/clock", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ advance: 3_600_000 }),
 * })
 * const journal = await (await mock.fetch("http://mock/__mock/journal")).json()
 * ```
 * @module
 */
import { Contract } from "@polyv-stats/core"
import { Result, Schema } from "effect"
import * as ClockRange from "../clock/ClockRange.js"
import { type MockClock, parseInstant } from "../clock/MockClock.js"
import { type FaultInjector, faultKinds } from "../faults/FaultInjector.js"
import { callsIn } from "../journal/Calls.js"
import { type Journal, maxJournalSize } from "../journal/Journal.js"
import { unexpectedIn } from "../journal/Unexpected.js"
import type { MockRequest, MockResponse } from "../protocol/MockRequest.js"
import { problemLines } from "../stubs/Stub.js"
import type { StubBook } from "../stubs/StubBook.js"
import { readStubs } from "../stubs/StubFile.js"
import type { World } from "../world/World.js"
import type { AdminGate } from "./AdminGate.js"
import { adminPrefix, reportsPrefix } from "./AdminPrefix.js"
import { adminError, adminJson } from "./AdminResponses.js"

/** Where the admin API lives. */
export { adminPrefix }

/** What the admin API works on (the {@link PolyvMock} provides it). */
export interface AdminTarget {
  readonly world: World
  readonly clock: MockClock
  readonly journal: Journal
  readonly faults: FaultInjector
  readonly stubs: StubBook
  /** What a request passes before any admin route. */
  readonly adminGate: AdminGate
  /** Cuts the app secret out of request text quoted back. */
  readonly redact: (text: string) => string
  /** Forgets per-run state; returns what was reset. */
  reset(): ReadonlyArray<string>
  openApi(): unknown
  /** The world as a world file. */
  dumpWorld(): unknown
  downloadReport(request: MockRequest): Promise<MockResponse>
}

const FaultsBody = Schema.Struct({
  rates: Schema.optionalKey(Schema.Record(Schema.String, Schema.Number)),
  latencyMillis: Schema.optionalKey(Schema.Number),
})

/** `{"set":…}` or `{"advance":…}`: one of the two, which {@link clockMove} checks. */
const ClockBody = Schema.Struct({
  set: Schema.optionalKey(Schema.Union([Schema.String, Schema.Number])),
  advance: Schema.optionalKey(Schema.Number),
})

const clockExample = `{"set":"2026-01-01T00:00:00Z"} or {"advance":60000}`

/** Exactly one of `set` and `advance`, or why not (naming both and their forms). */
const clockMove = (
  body: typeof ClockBody.Type,
): Result.Result<{ readonly set: string | number } | { readonly advance: number }, string> => {
  const forms = "set (an ISO instant such as 2026-01-01T00:00:00Z, or milliseconds) jumps to an instant, " +
    "advance (milliseconds, e.g. 60000) moves the clock"
  if (body.set !== undefined && body.advance !== undefined) {
    return Result.fail(`give set or advance, not both: ${forms}`)
  }
  if (body.set !== undefined) return Result.succeed({ set: body.set })
  if (body.advance !== undefined) return Result.succeed({ advance: body.advance })
  return Result.fail(`the body needs set or advance: ${forms}; send e.g. ${clockExample}`)
}

const readJson = <S extends Schema.Top>(
  schema: S,
  request: MockRequest,
  example: string,
  redact: (text: string) => string,
) => {
  const body = request.body
  let json: unknown
  try {
    json = JSON.parse(body === undefined || body.trim() === "" ? "{}" : body)
  } catch {
    return Result.fail(`the body is not JSON; send e.g. ${example}`)
  }
  const decoded = Schema.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>)(json)
  // The schema's message quotes the value it refused: request text, so the secret is cut out.
  return Result.isSuccess(decoded)
    ? Result.succeed(decoded.success as S["Type"])
    : Result.fail(`${redact(firstIssue(decoded.failure.message))}; send e.g. ${example}`)
}

/**
 * The first issue of a schema's message with the field it is about: `Expected number` is followed
 * by a line `at ["advance"]`, which names the field.
 */
const firstIssue = (message: string): string => {
  const [what, where] = message.split("\n")
  return where !== undefined && where.trim().startsWith("at ") ? `${what} ${where.trim()}` : what!
}

/** The most sessions `GET /__mock/world?full=1` writes (about 20 MB of JSON); `--dump-world` has no limit. */
export const maxDumpSessions = 100_000

const clockState = (clock: MockClock) => ({
  now: clock.now(),
  iso: new Date(clock.now()).toISOString(),
  offsetMillis: clock.offsetMillis,
})

type Route = {
  readonly method: "GET" | "POST" | "DELETE"
  readonly path: string
  readonly description: string
  /** Also answers `<path>/<id>`, handing it the `<id>`. */
  readonly withId?: true
  readonly run: (target: AdminTarget, request: MockRequest, id?: string) => MockResponse | Promise<MockResponse>
}

/**
 * JSON that quotes what a client sent (a stub's data, match, name), the secret cut out as
 * everywhere: of each text value, before it is written (cut out of the JSON text, a secret that is
 * also a key or a quote would break the JSON).
 */
const redactedJson = (target: AdminTarget, value: unknown, status = 200): MockResponse => ({
  ...adminJson(null, status),
  body: JSON.stringify(value, (_, v: unknown) => typeof v === "string" ? target.redact(v) : v, 2),
})

const stubExample =
  `{"endpoint":"exportReport","match":{"sessionId":"fxqxnqzd3q"},"answers":[{"failure":"ReportNotReady","times":2},{"data":"https://example.com/r.xlsx"}]}`

const routes: ReadonlyArray<Route> = [
  {
    method: "GET",
    path: "journal",
    description: "the newest requests, oldest first; ?limit=n for the last n",
    run: (target, request) => {
      const given = request.params.get("limit")
      const limit = given === undefined ? Number.POSITIVE_INFINITY : Number(given)
      if (given !== undefined && !(Contract.WireTypes.wholeNumberPattern.test(given) && limit <= maxJournalSize)) {
        return adminError(400, `limit must be a whole number from 0 to ${maxJournalSize}`)
      }
      const entries = target.journal.entries()
      return adminJson({
        capacity: target.journal.capacity,
        recorded: target.journal.recorded,
        dropped: target.journal.dropped,
        entries: limit >= entries.length ? entries : entries.slice(entries.length - limit),
      })
    },
  },
  {
    method: "GET",
    path: "calls",
    description: "the calls to one endpoint, oldest first, parameters decoded; ?endpoint=<name> (required)",
    run: (target, request) => {
      const given = request.params.get("endpoint")
      const names = Object.keys(Contract.byName)
      const endpoint = given === undefined || !Object.hasOwn(Contract.byName, given)
        ? undefined
        : Contract.byName[given as Contract.EndpointName]
      if (endpoint === undefined) {
        const value = given === undefined ? "missing" : `"${target.redact(given)}"`
        return adminError(400, `endpoint must name one of ${names.join(", ")}; got ${value}`)
      }
      return adminJson({ endpoint: endpoint.name, calls: callsIn(target.journal, endpoint) })
    },
  },
  {
    method: "POST",
    path: "reset",
    description:
      "forget the journal, reports, nonces and rate-limit windows; restart fault draws, request IDs and every stub from its first answer (the stubs stay)",
    run: (target) => adminJson({ reset: target.reset() }),
  },
  {
    method: "GET",
    path: "faults",
    description: "the fault rates and latency in force",
    run: (target) => adminJson({ ...target.faults.config, kinds: faultKinds }),
  },
  {
    method: "POST",
    path: "faults",
    description: "change fault rates (replaced as a whole when given) and latencyMillis",
    run: (target, request) => {
      const example = `{"rates":{"server-error":0.1,"reset":0.05},"latencyMillis":500}`
      const body = readJson(FaultsBody, request, example, target.redact)
      if (Result.isFailure(body)) return adminError(400, body.failure)
      const next = {
        rates: body.success.rates ?? target.faults.config.rates,
        latencyMillis: body.success.latencyMillis ?? target.faults.config.latencyMillis,
      }
      const problem = target.faults.configure(next)
      // A problem may quote a fault kind the body named: request text, so the secret is cut out.
      return problem
        ? adminError(400, target.redact(problem))
        : adminJson({ ...target.faults.config, kinds: faultKinds })
    },
  },
  {
    method: "GET",
    path: "clock",
    description: "the mock's clock",
    run: (target) => adminJson(clockState(target.clock)),
  },
  {
    method: "POST",
    path: "clock",
    description: `set the clock ({"set":"<ISO instant>"} or ms) or move it ({"advance":<ms>})`,
    run: (target, request) => {
      const body = Result.flatMap(readJson(ClockBody, request, clockExample, target.redact), clockMove)
      if (Result.isFailure(body)) return adminError(400, body.failure)
      const move = body.success
      if ("advance" in move) {
        const problem = ClockRange.advanceProblem(target.clock.now(), move.advance)
        if (problem !== undefined) return adminError(400, problem)
        target.clock.advance(move.advance)
      } else {
        const to = typeof move.set === "number" ? move.set : parseInstant(move.set)
        if (to === undefined) {
          return adminError(400, "set must be an ISO instant such as 2026-01-01T00:00:00Z, or milliseconds")
        }
        const problem = ClockRange.problem("set", to)
        if (problem !== undefined) return adminError(400, problem)
        target.clock.set(to)
      }
      return adminJson(clockState(target.clock))
    },
  },
  {
    method: "GET",
    path: "stubs",
    description: "the stubs made, with how often each answered and how often it still will",
    run: (target) => redactedJson(target, { stubs: target.stubs.list() }),
  },
  {
    method: "POST",
    path: "stubs",
    description: "add one stub or a list of them (all or none), checked against the contract",
    run: (target, request) => {
      let json: unknown
      try {
        json = JSON.parse(request.body ?? "")
      } catch {
        return adminError(400, `the body is not JSON; send a stub or a list of them, e.g. ${stubExample}`)
      }
      const list = Array.isArray(json)
      const read = readStubs(list ? json : [json])
      const added = Result.flatMap(read, (specs) => target.stubs.addAll(specs))
      if (Result.isFailure(added)) {
        // Paths of a single stub are its own (`answers[0].data`), not `[0].answers[0].data`.
        const problems = list
          ? added.failure
          : added.failure.map((p) => ({ ...p, path: p.path.replace(/^\[0\]\.?/, "") }))
        return adminError(400, target.redact(`refused, nothing added: ${problemLines(problems).join("; ")}`))
      }
      return redactedJson(target, { added: added.success.map((handle) => handle.id), stubs: target.stubs.list() }, 201)
    },
  },
  {
    method: "DELETE",
    path: "stubs",
    withId: true,
    description: "remove every stub, or the one named: DELETE /__mock/stubs/<id>",
    run: (target, _request, id) => {
      if (id === undefined) return adminJson({ removed: target.stubs.clear() })
      return target.stubs.remove(id)
        ? adminJson({ removed: 1 })
        : adminError(404, target.redact(`no stub ${JSON.stringify(id)}; GET ${adminPrefix}stubs lists them`))
    },
  },
  {
    method: "GET",
    path: "unexpected",
    description: "the requests the strict option refused: no stub answered them and the world lacks what they name",
    run: (target) => adminJson({ unexpected: unexpectedIn(target.journal) }),
  },
  {
    method: "GET",
    path: "world",
    description: "the account: seed, users and channels; ?full=1: the whole world as a world file",
    run: (target, request) => {
      const full = request.params.get("full")
      if (full === "1") {
        // Built whole in memory and sent in one answer: a world too big for that goes to a file.
        const sessions = target.world.sessionCount
        if (sessions > maxDumpSessions) {
          return adminError(
            413,
            `the world has ${sessions} sessions; over HTTP a dump stops at ${maxDumpSessions}: write it with --dump-world FILE`,
          )
        }
        try {
          return adminJson(target.dumpWorld())
        } catch (error) {
          if (error instanceof RangeError) return adminError(409, error.message)
          throw error
        }
      }
      if (full !== undefined) {
        return adminError(400, `full must be 1 (the whole world) or absent; got "${target.redact(full)}"`)
      }
      const { world } = target
      return adminJson({
        written: world.file !== undefined,
        seed: world.seed,
        generatedAt: new Date(world.anchor).toISOString(),
        size: world.size,
        mainUser: world.mainUser,
        users: world.users,
        channels: world.channels,
      })
    },
  },
  {
    method: "GET",
    path: "openapi.json",
    description: "the OpenAPI 3.1 document of the five endpoints",
    run: (target) => adminJson(target.openApi()),
  },
]

/** A path segment as written, percent-escapes read (kept as they are when they are not valid). */
const pathSegment = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const index = () =>
  adminJson({
    routes: [
      ...routes.map((r) => ({ method: r.method, path: `${adminPrefix}${r.path}`, description: r.description })),
      { method: "GET", path: `${reportsPrefix}<channelId>/<sessionId>.xlsx`, description: "report downloads" },
    ],
  })

/** Answers a request under `/__mock/`. `HEAD` is answered as `GET`, without the body. */
export const handleAdmin = (target: AdminTarget, request: MockRequest): Promise<MockResponse> | MockResponse => {
  if (request.method !== "HEAD") return answerAdmin(target, request, request.method)
  // HEAD asks what GET would answer (RFC 9110 §9.3.2): a monitor or `curl -I` gets GET's status
  // and headers; a 405 would claim the resource cannot be read.
  const answer = answerAdmin(target, request, "GET")
  return answer instanceof Promise ? answer.then(withoutBody) : withoutBody(answer)
}

const withoutBody = (answer: MockResponse): MockResponse => ({ ...answer, body: "" })

const answerAdmin = (
  target: AdminTarget,
  request: MockRequest,
  method: string,
): Promise<MockResponse> | MockResponse => {
  if (request.path.startsWith(reportsPrefix)) {
    return method === "GET" ? target.downloadReport(request) : adminError(405, "report URLs accept GET or HEAD")
  }
  const refused = target.adminGate.refusal(request, target.redact)
  if (refused !== undefined) return refused
  const raw = request.path.slice(adminPrefix.length)
  const name = raw.replace(/\/+$/, "")
  // A trailing slash reads as the route itself for a GET, never for a change: `DELETE …/stubs/$ID`
  // with ID unset must not remove every stub.
  if (name !== raw && name !== "" && method !== "GET") {
    return adminError(
      400,
      target.redact(`${request.path}: a slash with nothing after it; give the id after it, or leave the slash out`),
    )
  }
  if (name === "") {
    return method === "GET" ? index() : adminError(405, `${adminPrefix} lists the routes: GET or HEAD, not ${method}`)
  }
  const slash = name.indexOf("/")
  const id = slash < 0 ? undefined : pathSegment(name.slice(slash + 1))
  const base = slash < 0 ? name : name.slice(0, slash)
  const matching = routes.filter((r) => r.path === name || (id !== undefined && r.withId && r.path === base))
  if (matching.length === 0) {
    return adminError(404, `no admin route ${target.redact(request.path)}; GET ${adminPrefix} lists them`)
  }
  const route = matching.find((r) => r.method === method)
  if (!route) {
    const accepted = matching.flatMap((r) => (r.method === "GET" ? ["GET", "HEAD"] : [r.method]))
    return adminError(
      405,
      target.redact(`${request.path} accepts ${accepted.join(" or ")}, not ${request.method}`),
    )
  }
  return route.run(target, request, route.path === name ? undefined : id)
}
