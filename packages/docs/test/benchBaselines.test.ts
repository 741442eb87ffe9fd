/**
 * The bench's raw baselines (`bench/light.mjs`'s GET and envelope check, and the pager
 * `bench/children/rawPages.mjs` built on them: the client row's limit, the stream row's raw side
 * and the CLI row's limit) must fail loudly on a wrong answer: a baseline that counted an error
 * page, or a page that is not a session list, as work done would flatter itself and make ours look
 * slow. A hostile server on a real socket answers each way. No error names the query (its `sign`).
 */
import { once } from "node:events"
import { Agent, createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"

const page = { contents: [{ sessionId: "s1" }], totalPages: 1, lastPage: true }
/** What the server answers, by path, or on /sessions by the channel asked for. */
const answers: Record<string, [status: number, body: string]> = {
  "/ok": [200, JSON.stringify({ code: 200, status: "success", data: page })],
  "/down": [502, "<html>bad gateway</html>"],
  "/html": [200, "<html>maintenance</html>"],
  "/refused": [200, JSON.stringify({ code: 400, status: "error", message: "invalid sign" })],
  "/noData": [200, JSON.stringify({ code: 200, status: "success", data: null })],
  "/notAPage": [200, JSON.stringify({ code: 200, status: "success", data: { list: [] } })],
}
const server = createServer((req, res) => {
  const url = new URL(req.url!, "http://x")
  const key = url.pathname === "/sessions" ? `/${url.searchParams.get("channelId")}` : url.pathname
  const [status, body] = answers[key] ?? [404, "{}"]
  res.writeHead(status, { "content-type": "application/json" }).end(body)
})
const agent = new Agent({ keepAlive: true })
let port = 0

beforeAll(async () => {
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  agent.destroy()
  server.close()
  server.closeAllConnections()
  await once(server, "close")
})

/** The message `promise` rejects with; fails the test if it resolves, or if the message shows the sign. */
const rejection = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
  expect((error as Error).message).not.toContain("SECRETSIGN")
  // rawPages signs its own requests: no message may carry a query's sign.
  expect((error as Error).message).not.toMatch(/sign=/)
  return (error as Error).message
}

describe("light.mjs: the client row's raw node:http baseline", async () => {
  const { getText, successData } = await import("../../../bench/light.mjs")
  const get = (path: string) =>
    getText({ agent, hostname: "127.0.0.1", port, path: `${path}?appId=a&sign=SECRETSIGN` }).then(successData)

  it("gives a success envelope's data", async () => {
    expect(await get("/ok")).toEqual(page)
  })
  it("refuses a status other than 200, a body that is not JSON, an error envelope, a success without data", async () => {
    expect(await rejection(get("/down"))).toMatch(/^HTTP 502 for \/down: <html>bad gateway/)
    expect(await rejection(get("/html"))).toMatch(/JSON/)
    expect(await rejection(get("/refused"))).toBe("not a success: 400 invalid sign")
    expect(await rejection(get("/noData"))).toBe("a success without data")
  })
})

describe("rawPages: the stream row's raw side and the CLI row's limit", async () => {
  // The module reads its settings when it loads; the server answers by the channel asked for.
  vi.stubEnv("POLYV_APP_ID", "a")
  vi.stubEnv("POLYV_APP_SECRET", "SECRETSIGN")
  vi.stubEnv("BENCH_SESSION_LIST_PATH", "/sessions")
  vi.stubEnv("BENCH_MAX_SPAN_DAYS", "60")
  const { close, rawPages } = await import("../../../bench/children/rawPages.mjs")
  vi.unstubAllEnvs()
  afterAll(close)

  /** Every page rawPages yields for `channel` over one day (one window, so one page unless told more). */
  const pagesOf = async (channel: string) => {
    const out = []
    for await (
      const contents of rawPages(`http://127.0.0.1:${port}`, channel, 1_700_000_000_000, 1_700_086_400_000, 20)
    ) {
      out.push(contents)
    }
    return out
  }

  it("yields each page's contents", async () => {
    expect(await pagesOf("ok")).toEqual([page.contents])
  })
  it("throws on a non-200, an error envelope, a success without data, a page that is not a session list", async () => {
    expect(await rejection(pagesOf("down"))).toMatch(/^HTTP 502 for \/sessions/)
    expect(await rejection(pagesOf("refused"))).toBe("not a success: 400 invalid sign")
    expect(await rejection(pagesOf("noData"))).toBe("a success without data")
    expect(await rejection(pagesOf("notAPage"))).toBe(`GET /sessions: not a session-list page: {"list":[]}`)
  })
})
