/**
 * `polyv-mock --record`: a proxy whose upstream is our own mock on a real socket (and, for what a
 * real Polyv must never do, hostile `node:http` servers made here). Core's client calls the five
 * endpoints through the recorder and gets what it gets from upstream directly; the cassette holds
 * each exchange with business parameters only, and never the secret or a sign. The recorder runs
 * in process (the bin calls the same `startRecorder`); one child process checks the bin's usage error.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Contract, PolyvClient } from "@polyv-stats/core"
import { Effect, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it as plain, onTestFinished } from "vitest"
import { Cassette, demoCredentials, startRecorder, startServer } from "../src/index.js"
import { assertBuilt, bin, runBin, stopRuns } from "./binProcess.js"
import { fiveCalls } from "./fiveCalls.js"

const t0 = Date.parse("2031-03-01T08:00:00Z")
const secret = demoCredentials.appSecret
const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(secret) }

const folder = mkdtempSync(join(tmpdir(), "record-test-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const cassetteFile = () => join(folder, `cassette-${++files}.json`)
const readCassette = (file: string) => Cassette.fromText(readFileSync(file, "utf8"))

/** A server of the test's own on port 0, closed when the test ends. */
const hostile = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> => {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  onTestFinished(() => {
    server.closeAllConnections()
    server.close()
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const recorderFor = async (upstream: string, options: { readonly timeoutMillis?: number } = {}) => {
  const cassette = cassetteFile()
  const recorder = await startRecorder({
    upstream: new URL(upstream),
    cassette,
    secret,
    fileSystem: NodeFileSystem.layer,
    ...options,
  })
  onTestFinished(recorder.close)
  return { recorder, cassette }
}

describe("polyv-mock --record", () => {
  it.effect("forwards the five endpoints: the client gets upstream's data, the cassette one exchange each, business params only", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const upstream = yield* Effect.acquireRelease(
        Effect.promise(() => startServer({ seed: "record", now: t0, reportPolls: 0 })),
        (served) => Effect.promise(served.close),
      )
      const cassette = cassetteFile()
      const recorder = yield* Effect.acquireRelease(
        Effect.promise(() =>
          startRecorder({ upstream: new URL(upstream.url), cassette, secret, fileSystem: NodeFileSystem.layer })
        ),
        (served) => Effect.promise(served.close),
      )
      const world = upstream.mock.world
      const { calls, second, session } = fiveCalls(world, t0)
      const recorded = yield* calls.pipe(
        Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: recorder.url })),
      )
      const direct = yield* calls.pipe(Effect.provide(PolyvClient.layerNode({ ...credentials, baseUrl: upstream.url })))
      // A report link's expiry and token follow upstream's running clock: the file it names is the same.
      const [recordedLink, directLink] = [recorded[4], direct[4]].map((link) => new URL(link))
      assert.strictEqual(recordedLink!.pathname, directLink!.pathname)
      assert.deepStrictEqual(recorded.slice(0, 4), direct.slice(0, 4))

      const text = readFileSync(cassette, "utf8")
      const { exchanges, format, version } = Cassette.fromText(text)
      assert.deepStrictEqual([format, version], [Cassette.format, Cassette.version])
      assert.sameMembers(exchanges.map((e) => e.endpoint), Contract.endpoints.map((e) => e.name))
      for (const exchange of exchanges) {
        assert.deepStrictEqual(Object.keys(exchange.params).filter((name) => Cassette.signingParams.has(name)), [])
        assert.strictEqual(exchange.status, 200)
        assert.match(exchange.contentType ?? "", /^application\/json/)
      }
      const byName = new Map(exchanges.map((e) => [e.endpoint, e]))
      assert.deepStrictEqual(byName.get("sessionList")!.params, { channelId: second.channelId, pageSize: "5" })
      assert.deepStrictEqual(byName.get("exportReport")!.params, {
        channelId: second.channelId,
        sessionId: session.sessionId,
      })
      // The body is upstream's, byte for byte: what the client decoded came from it.
      assert.include(byName.get("micHistory")!.body, world.mainUser)
      assert.include(byName.get("exportReport")!.body, recorded[4])
      // Never the secret, nor any sign or signing parameter's name.
      assert.notInclude(text, secret)
      assert.notMatch(text, /"(sign|appId|timestamp|signatureNonce|signatureMethod)"|[?&](sign|appId|timestamp)=/)
    }))

  plain(
    "returns a hostile upstream's answer unchanged, but keeps its echo of the secret and the sign out of the cassette",
    async () => {
      const echoed = (req: IncomingMessage, res: ServerResponse) => {
        let body = ""
        req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => {
          res.writeHead(403, { "content-type": "text/plain; charset=utf-8" })
          res.end(`you sent ${req.method} ${req.url} ${body}`)
        })
      }
      const { recorder, cassette } = await recorderFor(await hostile(echoed))
      const sign = "0123456789ABCDEF0123456789ABCDEF"
      // The secret percent-encoded in the query, as a careless client might send it; and in the form body as it is.
      const query = `channelId=3151318&appId=${demoCredentials.appId}&timestamp=1&sign=${sign}&note=${
        encodeURIComponent(secret).replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)
      }`
      const answer = await fetch(`${recorder.url}${Contract.byName.sessionList.path}?${query}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `leak=${secret}`,
      })
      const body = await answer.text()
      // The caller gets upstream's answer as it was: status, content type, body (echo and all).
      expect(answer.status).toBe(403)
      expect(answer.headers.get("content-type")).toBe("text/plain; charset=utf-8")
      expect(body).toBe(`you sent POST ${Contract.byName.sessionList.path}?${query} leak=${secret}`)

      const text = readFileSync(cassette, "utf8")
      expect(text).not.toContain(secret)
      expect(text).not.toContain(sign)
      const [exchange] = readCassette(cassette).exchanges
      expect(exchange).toMatchObject({ endpoint: "sessionList", method: "POST", status: 403 })
      expect(exchange!.params).toEqual({ channelId: "3151318", note: "<redacted>", leak: "<redacted>" })
      expect(exchange!.body).toContain("sign=<sign>")
    },
  )

  plain(
    "records parameters as the mock reads them, and an exchange only once it is on the disk",
    async () => {
      const ok = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200).end("{}")
      const sub = join(folder, "sub")
      mkdirSync(sub)
      const cassette = join(sub, "c.json")
      const recorder = await startRecorder({
        upstream: new URL(await hostile(ok)),
        cassette,
        fileSystem: NodeFileSystem.layer,
      })
      onTestFinished(recorder.close)
      const path = Contract.byName.sessionList.path
      // A JSON body holds no parameters for the mock (only a form post does); `__proto__` is a parameter.
      await fetch(`${recorder.url}${path}?channelId=1&__proto__=x`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"channelId":"2"}`,
      }).then((a) => a.text())
      // The folder goes: the write fails, the caller is told, and the exchange is never saved later.
      rmSync(sub, { recursive: true })
      const failed = await fetch(`${recorder.url}${path}?channelId=2`)
      expect(failed.status).toBe(500)
      await failed.text()
      mkdirSync(sub)
      await fetch(`${recorder.url}${path}?channelId=3`).then((a) => a.text())
      const exchanges = readCassette(cassette).exchanges
      expect(exchanges.map((e) => ({ ...e.params }))).toEqual([{ channelId: "1", ["__proto__"]: "x" }, {
        channelId: "3",
      }])
      expect(Object.hasOwn(exchanges[0]!.params, "__proto__")).toBe(true)
    },
  )

  plain(
    "answers 502 in the mock's own envelope, and records nothing, when upstream is down, silent or too large",
    async () => {
      const silent = await hostile(() => undefined) // never answers
      const huge = await hostile((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(17 * 1024 * 1024) })
        res.write("{")
      })
      // A port nobody listens on any more.
      const closed = await new Promise<string>((resolve) => {
        const server = createServer()
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          server.close(() => resolve(`http://127.0.0.1:${port}`))
        })
      })
      const cases = [[closed, /ECONNREFUSED/], [silent, /no answer within 200 ms/], [
        huge,
        /larger than 16 MiB/,
      ]] as const
      const results = await Promise.all(cases.map(async ([upstream, reason]) => {
        const { recorder, cassette } = await recorderFor(upstream, { timeoutMillis: 200 })
        const answer = await fetch(`${recorder.url}${Contract.byName.micHistory.path}?appId=x&timestamp=1&sign=y`)
        return { answer, json: await answer.json() as { code: number; message: string }, cassette, reason }
      }))
      for (const { answer, cassette, json, reason } of results) {
        expect(answer.status).toBe(502)
        expect(answer.headers.get("content-type")).toMatch(/^application\/json/)
        expect(json.code).toBe(502)
        expect(json.message).toMatch(reason)
        expect(json.message).toContain("nothing recorded")
        expect(readCassette(cassette).exchanges).toEqual([])
      }
    },
  )

  plain("forwards nothing but GET and POST to the five endpoints", async () => {
    let reached = 0
    const { recorder, cassette } = await recorderFor(await hostile((_req, res) => res.end(String(++reached))))
    const answer = await fetch(`${recorder.url}/live/v3/channel/other?sign=1`)
    expect(answer.status).toBe(404)
    const put = await fetch(`${recorder.url}${Contract.byName.micHistory.path}`, { method: "PUT", body: "x" })
    expect(put.status).toBe(405)
    expect(((await put.json()) as { message: string }).message).toContain("PUT is not forwarded")
    expect(reached).toBe(0)
    expect(readCassette(cassette).exchanges).toEqual([])
  })

  plain("the bin refuses an upstream that is not http or https, and --record without --cassette (exit 2)", async () => {
    onTestFinished(stopRuns)
    const [ftp, alone] = await Promise.all([
      runBin(["--record", "ftp://polyv.example", "--cassette", cassetteFile()]),
      runBin(["--record", "https://api.polyv.net"]),
    ])
    expect(ftp.code, ftp.stderr).toBe(2)
    expect(ftp.stderr).toContain("an http:// or https:// URL")
    expect(ftp.stderr).toContain("ftp: is not http: or https:")
    expect(alone.code, alone.stderr).toBe(2)
    expect(alone.stderr).toContain("--record needs --cassette FILE")
  })

  plain("the bin warns when it records for other machines, and leaves a whole cassette when stopped", async () => {
    onTestFinished(stopRuns)
    assertBuilt()
    const cassette = cassetteFile()
    const child = spawn(
      process.execPath,
      [bin, "--record", "http://127.0.0.1:9", "--cassette", cassette, "--host", "0.0.0.0", "--port", "0"],
      { stdio: ["pipe", "pipe", "pipe"] },
    )
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve))
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => chunk.includes("\n") && resolve())
      child.on("close", () => reject(new Error(`the recorder exited early: ${stderr}`)))
    })
    child.kill("SIGTERM")
    await exited
    expect(stderr).toContain("warning: --host 0.0.0.0 is not a loopback address")
    expect(readCassette(cassette).exchanges).toEqual([])
  })
})
