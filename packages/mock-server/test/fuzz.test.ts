/**
 * Fuzzing the mock: thousands of random and hostile requests per endpoint. Whatever comes in —
 * missing or repeated parameters, huge values, unicode, bad dates, wrong types, bad or replayed
 * signatures, expired and future timestamps, oversized bodies, requests Node cannot parse — the
 * answer is a documented envelope whose code is the one its message has on that endpoint's page:
 * never a 500, never a hang, never a stack trace.
 */
import { ApiFailures, Contract, Signer } from "@polyv-stats/core"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { propertyRuns } from "../../../propertyRuns.js"
import { demoCredentials, PolyvMock, type RunningMock, startServer } from "../src/index.js"
import { httpCall } from "./sockets.js"
import { now, secret } from "./support.js"

const options = { seed: "fuzz", now, clock: () => now, rateLimit: { limit: 1e9 } }

/** The mock's own messages (not Polyv's): unknown path, wrong method, oversized or unparseable request. */
const ownMessage =
  /^(no Polyv endpoint at |.* accepts (GET|POST)|request body over |request headers or URL too large|malformed HTTP request)/
const stackTrace = /\n\s+at |\.ts:\d+|\.js:\d+|Error:/

/** Checks one answer: envelope shape, code = HTTP status, and the code its message has on the endpoint's page. */
const checkAnswer = (endpoint: Contract.AnyEndpoint | undefined, status: number, text: string) => {
  expect(text, "a stack trace in the body").not.toMatch(stackTrace)
  const body = JSON.parse(text) as Record<string, unknown>
  expect(body.code, "body code equals the HTTP status").toBe(status)
  expect(status, "never a 500").not.toBe(500)
  const v4 = endpoint?.envelope === "v4"
  const message = v4 && body.error !== undefined ? (body.error as { desc: string }).desc : String(body.message ?? "")
  if (status === 200) {
    expect(body.status).toBe("success")
    return
  }
  expect(body.status).toBe("error")
  // The mock's own answers (no route, or no parsable request) are v3 envelopes on every path.
  if (ownMessage.test(message)) return expect(body.data).toBe("")
  if (v4) expect(body.success).toBe(false)
  else expect(body.data).toBe("")
  const failure = ApiFailures.classifyMessage(message)
  expect(failure, `an undocumented message: ${message}`).toBeDefined()
  expect(endpoint, `a Polyv message outside an endpoint: ${message}`).toBeDefined()
  expect(status, `${failure!.tag} on ${endpoint!.name}`).toBe(endpoint!.errorCodes[failure!.tag])
}

// --- Arbitraries ---------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "undefined",
    "-1",
    "0",
    "1.5",
    "1e9",
    "NaN",
    "%00",
    "\u0000",
    "😀",
    "中文频道",
    "' OR 1=1 --",
  ),
  fc.string({ minLength: 2000, maxLength: 12_000 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2022-02-30", "2022-13-01", "2022-05-01 25:00:00", "2022/05/01", "20220501", "2022-05-01T00:00:00"),
)

const paramName = (endpoint: Contract.AnyEndpoint) =>
  fc.oneof(
    fc.constantFrom(...Object.keys((endpoint.params as unknown as { fields: object }).fields)),
    fc.constantFrom("page", "pageSize", "channelId", "sessionId", "users", "start", "end", "startDate", "endDate"),
    fc.string({ minLength: 1, maxLength: 12 }),
  )

const anyTimestamp = fc.oneof(
  fc.constant(now),
  fc.constantFrom(now - 180_000, now + 180_000, now - 180_001, now + 180_001, now - 86_400_000, now + 86_400_000),
  fc.integer({ min: 0, max: 9_999_999_999_999 }),
).map(String)

type Auth = "valid" | "wrong-sign" | "no-sign" | "no-app" | "other-app" | "sha256" | "bad-method"

const query = (endpoint: Contract.AnyEndpoint) =>
  fc.record({
    params: fc.array(fc.tuple(paramName(endpoint), hostileText), { maxLength: 8 }),
    auth: fc.constantFrom<Auth>(
      "valid",
      "valid",
      "valid",
      "wrong-sign",
      "no-sign",
      "no-app",
      "other-app",
      "sha256",
      "bad-method",
    ),
    timestamp: fc.oneof(anyTimestamp, hostileText),
    nonce: fc.option(fc.constantFrom("n1", "n2", "n3"), { nil: undefined }),
  })

/** Builds the query string: repeated names stay repeated, and the sign covers what the mock will read. */
interface Query {
  readonly params: ReadonlyArray<readonly [string, string]>
  readonly auth: Auth
  readonly timestamp: string
  readonly nonce: string | undefined
}

const build = ({ params, auth, timestamp, nonce }: Query) => {
  const search = new URLSearchParams()
  if (auth !== "no-app") search.append("appId", auth === "other-app" ? "other" : demoCredentials.appId)
  search.append("timestamp", timestamp)
  if (auth === "sha256") search.append("signatureMethod", "SHA256")
  if (auth === "bad-method") search.append("signatureMethod", "SHA1")
  if (nonce !== undefined) search.append("signatureNonce", nonce)
  for (const [name, value] of params) if (name !== "sign") search.append(name, value)
  if (auth !== "no-sign") {
    const firstValues: Record<string, string> = {}
    for (const [name, value] of search) if (!(name in firstValues)) firstValues[name] = value
    search.append("sign", auth === "wrong-sign" ? "0".repeat(32) : Signer.sign(firstValues, secret))
  }
  return search
}

// --- In-process: thousands per endpoint ------------------------------------------------------

describe("fuzzing the in-process mock", () => {
  const mock = new PolyvMock(options)
  for (const endpoint of Contract.endpoints) {
    it(`${endpoint.name}: 1500 random and hostile queries`, async () => {
      await fc.assert(
        fc.asyncProperty(query(endpoint), fc.constantFrom(...endpoint.methods, "DELETE"), async (q, method) => {
          const search = build(q)
          const response = method === "GET" || method === "DELETE"
            ? await mock.fetch(`http://mock${endpoint.path}?${search}`, { method })
            : await mock.fetch(`http://mock${endpoint.path}`, {
              method,
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: search.toString(),
            })
          checkAnswer(method === "DELETE" ? undefined : endpoint, response.status, await response.text())
        }),
        propertyRuns(1500),
      )
    })
  }

  it("unknown paths: a clear envelope", async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (path) => {
        if (Contract.endpoints.some((e) => e.path === path) || path.startsWith("/__mock")) return
        const response = await mock.fetch(`http://mock${path}`)
        checkAnswer(undefined, response.status, await response.text())
      }),
      propertyRuns(300),
    )
  })
})

// --- Over a socket: the adapter too ---------------------------------------------------------

const raw = (running: RunningMock, path: string, init: Parameters<typeof httpCall>[2] = {}) =>
  httpCall(running.url, path, init)

describe("fuzzing the mock over a socket", () => {
  let running: RunningMock
  beforeAll(async () => {
    running = await startServer(options)
  })
  afterAll(() => running.close())

  it("random and hostile queries to every endpoint", async () => {
    const endpoint = fc.constantFrom(...Contract.endpoints)
    await fc.assert(
      fc.asyncProperty(endpoint.chain((e) => fc.tuple(fc.constant(e), query(e))), async ([e, q]) => {
        const { status, text } = await raw(running, `${e.path}?${build(q)}`)
        checkAnswer(e, status, text)
      }),
      propertyRuns(400),
    )
  })

  it("raw query strings with broken percent-encoding", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Contract.endpoints),
        fc.constantFrom("%", "%E0%A4%A", "%zz", "a=%", "&&&=", "=x", "%00=%00"),
        async (e, junk) => {
          const { status, text } = await raw(
            running,
            `${e.path}?${junk}&${build({ params: [], auth: "valid", timestamp: String(now), nonce: undefined })}`,
          )
          checkAnswer(e, status, text)
        },
      ),
      propertyRuns(60),
    )
  })

  it("an oversized form body gets a 413 envelope", async () => {
    const { status, text } = await raw(running, Contract.yunduoSummary.path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `users=${"a".repeat(70_000)}`,
    })
    expect(status).toBe(413)
    checkAnswer(Contract.yunduoSummary, status, text)
  })

  it("a URL too long for Node's parser gets a 431 envelope", async () => {
    const { status, text } = await raw(running, `${Contract.sessionList.path}?channelId=${"1".repeat(100_000)}`)
    expect(status).toBe(431)
    checkAnswer(undefined, status, text)
  })
})
