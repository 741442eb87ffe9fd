/**
 * `polyv-stats verify`, as a child process: against the mock every check matches (exit 0) and the
 * mock's journal saw exactly the number of requests `--help` states; against a drifted Polyv (the
 * mock behind a proxy that rewrites answers: codes swapped, a field renamed, a number sent as a
 * string, an HTML error page, a message reworded, a field added) each seeded drift is named, the
 * added field is only a warning, and the exit is 1.
 */
import { Contract } from "@polyv-stats/core"
import { type RunningMock, startServer } from "@polyv-stats/mock-server"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  APP_ID,
  assertBuilt,
  expectNoSecret,
  makeRunner,
  SECRET,
  SEED,
  terminalControls,
  withoutLineEnds,
} from "./helpers.js"

const { seen, run } = makeRunner()

let mock: RunningMock
let drifted: { url: string; server: Server }

interface Report {
  readonly requests: number
  readonly maxRequests: number
  readonly counts: Record<"ok" | "warning" | "drift" | "skipped", number>
  readonly checks: ReadonlyArray<{ check: string; outcome: string; got: string; notes: ReadonlyArray<string> }>
}

type Body = Record<string, any>

const { sessionList, liveDurations, micHistory, yunduoSummary } = Contract.byName

/** The seeded drifts, each on one endpoint's answers (`body` is the mock's, parsed). */
const rewrite = (path: string, status: number, body: Body): { status: number; type: string; text: string } => {
  const json = (b: unknown) => ({ status, type: "application/json", text: JSON.stringify(b) })
  const failed = status !== 200
  switch (path) {
    case sessionList.path:
      if (failed) {
        // Codes swapped: the session list's page documents 400 for a wrong sign.
        return json(body.message === "invalid signature." ? { ...body, code: 403 } : body)
      }
      {
        // A field renamed.
        const { totalItems, ...rest } = body.data
        return json({ ...body, data: { ...rest, total: totalItems } })
      }
    case liveDurations.path:
      if (failed) return json(body.message === "invalid signature." ? { ...body, code: 400 } : body)
      // A number sent as a string.
      return json({ ...body, data: body.data.map((d: Body) => ({ ...d, duration: String(d.duration) })) })
    case micHistory.path:
      // An HTML error page instead of the valid call's answer.
      return failed
        ? json(body)
        : { status: 502, type: "text/html", text: "<html><body><h1>502 Bad Gateway</h1></body></html>" }
    case yunduoSummary.path:
      // A message reworded (with a right-to-left override a terminal must not act on); a field
      // added to the envelope (a warning, not drift).
      if (failed) return json(body.message === "application not found." ? { ...body, message: reworded } : body)
      return json({ ...body, traceId: "abc" })
    default:
      return json(body)
  }
}

const reworded = "app not found\u202e"

const driftedDrifts = [
  "sessionList: valid call",
  "sessionList: wrong sign",
  "liveDurations: valid call",
  "liveDurations: wrong sign",
  "micHistory: valid call",
  "yunduoSummary: unknown appId",
]

beforeAll(async () => {
  assertBuilt()
  mock = await startServer({ port: 0, seed: SEED, appId: APP_ID, appSecret: SECRET })
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", mock.url)
    const answer = await fetch(`${mock.url}${url.pathname}${url.search}`)
    const out = rewrite(url.pathname, answer.status, (await answer.json()) as Body)
    res.writeHead(out.status, { "content-type": out.type })
    res.end(out.text)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  drifted = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
})
afterAll(async () => {
  drifted?.server.closeAllConnections()
  drifted?.server.close()
  await mock?.close()
})

const env = (baseUrl: string) => ({ POLYV_BASE_URL: baseUrl, POLYV_APP_ID: APP_ID, POLYV_APP_SECRET: SECRET })
const channel = () => mock.mock.world.channels[0]!.channelId

describe("verify", () => {
  it("against the mock: every check matches, exit 0, and the requests are the bound --help states", async () => {
    const help = await run(["verify", "--help"])
    const stated = /At most (\d+) requests/.exec(help.stdout)
    expect(stated, help.stdout).not.toBeNull()
    const bound = Number(stated![1])

    const before = mock.mock.journal.recorded
    const result = await run(["verify", "--channel", channel(), "--format", "json", "--verbose"], env(mock.url))
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as Report
    expect(report.checks.filter((c) => c.outcome !== "ok")).toEqual([])
    expect(report.checks.length).toBe(bound)
    expect(report.maxRequests).toBe(bound)
    expect(report.requests).toBe(bound)
    expect(mock.mock.journal.recorded - before).toBe(bound)
    // --verbose: one line per exchange, the sign masked; no sign (32 upper-case hex digits) anywhere.
    const sent = result.stderr.split("\n").filter((l) => l.startsWith("> GET "))
    expect(sent.length).toBe(bound)
    for (const line of sent) expect(line).toMatch(/[?&]sign=\*\*\*(&|$)/)
    expect(result.stdout + result.stderr).not.toMatch(/[0-9A-F]{32}/)
  })

  it("against a drifted Polyv: each seeded drift is named, an added field is a warning, exit 1", async () => {
    const result = await run(["verify", "--channel", channel(), "--format", "json"], env(drifted.url))
    expect(result.code, result.stderr).toBe(1)
    const report = JSON.parse(result.stdout) as Report
    const byCheck = new Map(report.checks.map((c) => [c.check, c]))
    expect(report.checks.filter((c) => c.outcome === "drift").map((c) => c.check).toSorted())
      .toEqual(driftedDrifts.toSorted())
    const notes = (check: string) => byCheck.get(check)!.notes.join(" ")
    expect(notes("sessionList: valid call")).toContain("totalItems")
    expect(notes("liveDurations: valid call")).toMatch(/Expected number[\s\S]*duration/)
    expect(byCheck.get("micHistory: valid call")!.got).toBe("HTTP 502 text/html")
    expect(notes("micHistory: valid call")).toContain("not JSON")
    expect(notes("sessionList: wrong sign")).toContain("code 403, the page documents 400")
    expect(notes("liveDurations: wrong sign")).toContain("code 400, the page documents 403")
    expect(notes("yunduoSummary: unknown appId")).toContain(JSON.stringify(reworded))
    expect(byCheck.get("yunduoSummary: valid call")!.outcome).toBe("warning")
    expect(notes("yunduoSummary: valid call")).toContain("traceId")
    expect(result.stderr).toContain(`${driftedDrifts.length} checks drifted from the contract`)
    for (const check of driftedDrifts) expect(result.stderr).toContain(check)
  })

  it("as a table: one row a check, the server's text escaped", async () => {
    const result = await run(["verify", "--channel", channel(), "--format", "table"], env(drifted.url))
    expect(result.code, result.stderr).toBe(1)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^CHECK\s+EXPECTED\s+GOT\s+RESULT\s+NOTES$/)
    const rowOf = (check: string) => lines.find((l) => l.startsWith(`${check}  `))!
    for (const check of driftedDrifts) expect(rowOf(check)).toMatch(/\sdrift\s/)
    expect(rowOf("sessionList: no appId")).toMatch(/\s✓$/)
    expect(rowOf("yunduoSummary: valid call")).toMatch(/\swarning\s/)
    expect(rowOf("yunduoSummary: unknown appId")).toContain("app not found\\u202e")
    expect(withoutLineEnds(result.stdout + result.stderr)).not.toMatch(terminalControls)
  })

  it("never prints the secret", () => expectNoSecret(seen, 4))
})
