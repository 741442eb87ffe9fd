/**
 * Stubs around the mock: a sequence core's report waiter polls through (in-process, TestClock),
 * the strict option and `mock.unexpected()`, the admin API on a real socket, `--stubs` on the bin.
 */
import { assert, it as effectIt } from "@effect/vitest"
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Layer, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { demoCredentials, MockLayer, PolyvMock, startServer, unexpectedPrefix, unexpectedStatus } from "../src/index.js"
import { assertBuilt, bin, runBin, stopRuns } from "./binProcess.js"
import { httpCall } from "./sockets.js"
import { adminPost, client, now, signed } from "./support.js"
import { onVirtualTime } from "./virtualTime.js"

afterAll(stopRuns)

const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
const reportUrl = "https://example.com/reports/r.xlsx"

describe("a sequence", () => {
  const live = PolyvClient.layer(credentials).pipe(
    // reportPolls 0: the world alone would give its URL at once; the stub decides here.
    Layer.provideMerge(MockLayer.inProcess({ seed: "sequence", now, reportPolls: 0 })),
  )
  effectIt.effect(
    "core's waiter gets the report on the third poll: notReady, notReady, then the stub's URL",
    () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const mock = yield* MockLayer.Mock
        const channel = mock.world.channels[1]!
        const session = mock.world.sessions(channel).find((s) => s.endTime !== null)!
        const stub = mock.stub({
          endpoint: Contract.byName.exportReport,
          match: { sessionId: session.sessionId },
          answers: [{ failure: "ReportNotReady", times: 2 }, { data: reportUrl }],
        })
        const attempts: Array<number> = []
        const url = yield* onVirtualTime(PolyvClient.use((polyv) =>
          polyv.waitForReport(channel.channelId, session.sessionId, {
            onProgress: (p) => Effect.sync(() => void attempts.push(p.attempt)),
          })
        ))
        assert.strictEqual(url, reportUrl)
        assert.deepStrictEqual(attempts, [1, 2])
        assert.strictEqual(stub.used(), 3)
        assert.deepStrictEqual(
          mock.calls(Contract.byName.exportReport).map((c) => [c.outcome.failure ?? "data", c.by]),
          [["ReportNotReady", "stub"], ["ReportNotReady", "stub"], ["data", "stub"]],
        )
      }).pipe(Effect.provide(live)),
  )
})

describe("strict", () => {
  it("refuses loudly what no stub and no world fact explains, and lists it", async () => {
    const mock = new PolyvMock({ seed: "strict", now, clock: () => now, strict: true })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    const known = mock.world.channels[0]!
    const sent = await http.get(Contract.sessionList.path, signed({ channelId: "9999999" }))
    expect(sent.status).toBe(unexpectedStatus)
    expect(sent.json).toEqual({
      code: unexpectedStatus,
      status: "error",
      message: `${unexpectedPrefix}: channel 9999999 is not in the world, and no stub answers it`,
      data: "",
    })
    const session = await http.get(
      Contract.exportReport.path,
      signed({ channelId: known.channelId, sessionId: "nosuchsess" }),
    )
    expect(session.json.message).toMatch(/session nosuchsess is not in the world's channel/)
    const users = await http.get(
      Contract.yunduoSummary.path,
      signed({ users: `${mock.world.mainUser},abcdef0123`, start: "2026-11-01", end: "2026-11-02" }),
    )
    expect(users.json.message).toMatch(/user abcdef0123 not in the world/)
    // Explained: a known channel, and an unknown one a stub answers.
    expect((await http.get(Contract.sessionList.path, signed({ channelId: known.channelId }))).status).toBe(200)
    mock.stub({ endpoint: Contract.byName.liveDurations, answers: [{ data: [{ channelId: "9999999", duration: 5 }] }] })
    expect((await http.get(Contract.liveDurations.path, signed({ channelIds: "9999999" }))).status).toBe(200)
    expect(
      mock.unexpected().map((u) => [u.path, u.reason.slice(unexpectedPrefix.length + 2, unexpectedPrefix.length + 20)]),
    )
      .toEqual([
        [Contract.sessionList.path, "channel 9999999 is"],
        [Contract.exportReport.path, "session nosuchsess"],
        [Contract.yunduoSummary.path, "user abcdef0123 no"],
      ])
    expect(mock.unexpected()[0]!.wire).not.toHaveProperty("sign")
    expect(mock.calls(Contract.byName.sessionList)[0]!.by).toBe("strict")
    // Without strict, Polyv's own answer.
    const lax = new PolyvMock({ seed: "strict", now, clock: () => now })
    const quiet = await client({ fetch: lax.fetch as typeof fetch, base: "http://mock.test" })
      .get(Contract.sessionList.path, signed({ channelId: "9999999" }))
    expect(quiet.json.message).toBe("illegal channel id: 9999999")
    expect(lax.unexpected()).toEqual([])
  })
})

describe("the admin API's stubs, on a socket", () => {
  it("adds, lists, answers, removes; a bad body is refused whole, every problem named", async () => {
    const running = await startServer({ seed: "admin-stubs", now, clock: () => now, strict: true })
    try {
      const admin = async (method: string, path: string, body?: unknown) => {
        const init = body === undefined
          ? { method }
          : { ...adminPost(body), method } as { method: string; body: string; headers: Record<string, string> }
        const answer = await httpCall(running.url, `/__mock/${path}`, init)
        return { status: answer.status, json: JSON.parse(answer.text) }
      }
      const channelId = running.mock.world.channels[0]!.channelId
      const bad = await admin("POST", "stubs", [
        { endpoint: "sessionList", answers: [{ data: { pageSize: "x" } }] },
        { endpoint: "sessionLIst", answers: [] },
        { endpoint: "micHistory", answers: [{ failure: "IllegalChannelId", value: "1" }] },
      ])
      expect(bad.status).toBe(400)
      expect(bad.json.error.message).toMatch(/^refused, nothing added: /)
      expect(bad.json.error.message).toContain(`[0].answers[0].data.pageSize: Expected number, got "x"`)
      expect(bad.json.error.message).toContain(`[1].endpoint: expected one of exportReport`)
      expect(running.mock.stubs.size).toBe(0)
      const semantic = await admin("POST", "stubs", [{
        endpoint: "micHistory",
        answers: [{ failure: "IllegalChannelId", value: "1" }],
      }])
      expect(semantic.json.error.message).toContain(`[0].answers[0].failure: micHistory's page documents`)

      const added = await admin("POST", "stubs", {
        name: "ch",
        endpoint: "liveDurations",
        match: { channelIds: "9999999" },
        answers: [{ data: [{ channelId: 9999999, duration: 7 }], times: 2 }],
      })
      expect(added.status).toBe(201)
      expect(added.json.added).toEqual(["ch"])
      await admin("POST", "stubs", { endpoint: "sessionList", answers: [{ fault: "fail", times: "always" }] })
      const listed = await admin("GET", "stubs")
      expect(listed.json.stubs.map((s: { id: string; remaining: number | null }) => [s.id, s.remaining])).toEqual([[
        "ch",
        2,
      ], ["stub-2", null]])
      expect(listed.json.stubs[0].match).toEqual({ channelIds: "9999999" }) // as given: the wire form
      // What a client sent is quoted back without the app secret, as everywhere.
      await admin("POST", "stubs", {
        endpoint: "exportReport",
        answers: [{ data: `https://x.test/${demoCredentials.appSecret}` }],
      })
      const quoted = await httpCall(running.url, "/__mock/stubs")
      expect(quoted.text).not.toContain(demoCredentials.appSecret)
      expect(quoted.text).toContain("https://x.test/<redacted>")

      const call = (path: string, params: Record<string, string>) =>
        httpCall(running.url, `${path}?${new URLSearchParams(signed(params))}`).then((a) => JSON.parse(a.text))
      expect((await call(Contract.liveDurations.path, { channelIds: "9999999" })).data).toEqual([{
        channelId: 9999999,
        duration: 7,
      }])
      expect((await call(Contract.sessionList.path, { channelId })).status).toBe("fail")

      expect((await admin("DELETE", "stubs/nope")).status).toBe(404)
      // An id left empty (`DELETE …/stubs/$ID` with ID unset) removes nothing, rather than every stub.
      const emptyId = await admin("DELETE", "stubs/")
      expect([emptyId.status, emptyId.json.error.message]).toEqual([400, expect.stringMatching(/nothing after it/)])
      expect((await admin("DELETE", "stubs/ch")).json).toEqual({ removed: 1 })
      // Strict and no stub: the unknown channel is unexpected.
      expect((await call(Contract.liveDurations.path, { channelIds: "9999999" })).code).toBe(unexpectedStatus)
      const unexpected = await admin("GET", "unexpected")
      expect(unexpected.json.unexpected.map((u: { path: string }) => u.path)).toEqual([Contract.liveDurations.path])
      expect((await admin("DELETE", "stubs")).json).toEqual({ removed: 2 })
      expect((await admin("GET", "stubs")).json).toEqual({ stubs: [] })
      expect((await admin("PUT", "stubs")).status).toBe(405)
    } finally {
      await running.close()
    }
  })
})

// Child processes: the two runs overlap, as the bad-file ones do inside their test.
describe.concurrent("polyv-mock --stubs", () => {
  it("refuses a bad file whole: every problem with its path, exit 2, nothing served", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stubs-"))
    const file = join(dir, "stubs.json")
    writeFileSync(
      file,
      JSON.stringify({
        stubs: [
          { endpoint: "exportReport", answers: [{ data: "ftp://x" }] },
          { endpoint: "sessionList", match: { page: "zero" }, answers: [{ fault: "reset" }] },
          { endpoint: "micHistory", answers: [{ failure: "ServerError", times: 0 }] },
        ],
      }),
    )
    // The third is sound in shape; its times is checked when made, once the shapes are.
    const second = join(dir, "second.json")
    writeFileSync(
      second,
      JSON.stringify({ stubs: [{ endpoint: "micHistory", answers: [{ failure: "ServerError", times: 0 }] }] }),
    )
    const [ended, refused] = await Promise.all([runBin(["--stubs", file, "--port", "0"]), runBin(["--stubs", second])])
    expect(ended.code).toBe(2)
    expect(ended.stdout).toBe("")
    expect(ended.stderr).toContain(`--stubs ${file}: 2 problems, nothing served`)
    expect(ended.stderr).toContain(`stubs[0].answers[0].data: Expected an absolute http(s) URL, got "ftp://x"`)
    expect(ended.stderr).toContain(`stubs[1].match.page:`)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`stubs[0].answers[0].times: expected a whole number from 1`)
  })

  it("serves a sound file's stubs, strict about the rest, from the first request", async () => {
    assertBuilt()
    const dir = mkdtempSync(join(tmpdir(), "stubs-"))
    const file = join(dir, "stubs.json")
    writeFileSync(
      file,
      JSON.stringify({
        stubs: [{
          endpoint: "liveDurations",
          match: { channelIds: "9999999" },
          answers: [{ data: [{ channelId: 9999999, duration: 3 }], times: "always" }],
        }],
      }),
    )
    const child = spawn(process.execPath, [bin, "--stubs", file, "--strict", "--now", new Date(now).toISOString()], {
      stdio: ["ignore", "pipe", "pipe"],
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ""
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk
          if (out.includes("\n")) resolve(out.split("\n")[0]!)
        })
        child.on("exit", (code) => reject(new Error(`exited ${code}`)))
      })
      const ask = (channelIds: string) =>
        httpCall(url, `${Contract.liveDurations.path}?${new URLSearchParams(signed({ channelIds }))}`)
          .then((a) => JSON.parse(a.text))
      expect((await ask("9999999")).data).toEqual([{ channelId: 9999999, duration: 3 }])
      expect((await ask("8888888")).code).toBe(unexpectedStatus)
    } finally {
      child.kill("SIGTERM")
    }
  })
})
