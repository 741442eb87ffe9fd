// The standalone mock driven as requests.sh drives it, in one child process: `polyv-mock --world
// world.json`, then each `curl` line of the script sent as it is written (the shell's variables and
// `$(node sign.mjs …)` filled in here), the answers checked against the world file.
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sign, signedQuery } from "./sign.mjs"

const here = dirname(fileURLToPath(import.meta.url))
const script = readFileSync(join(here, "requests.sh"), "utf8")
const world = JSON.parse(readFileSync(join(here, "world.json"), "utf8")) as {
  channels: Array<{ channelId: string; sessions: Array<{ sessionId: string; startTime: number; endTime: number }> }>
}

/** The script's `curl -s [-H … -d '<json>'] "<url>"` lines: each URL with its variables and `$(node sign.mjs …)` filled in. */
const requestsOf = (vars: Record<string, string>): Array<{ url: string; body: string | undefined }> => {
  const fill = (text: string) => text.replace(/"?\$(\w+)"?/g, (_, name: string) => vars[name] ?? `$${name}`)
  return script.split("\n").filter((line) => line.startsWith("curl -s ")).map((line) => ({
    url: fill(line.slice(line.indexOf("\"$MOCK") + 1, -1)) // the last word, quoted
      .replace(/\$\(node sign\.mjs ([^)]*)\)/, (_, args: string) => signedQuery(args.split(" "))),
    body: / -d '([^']*)'/.exec(line)?.[1], // with -d, curl POSTs it
  }))
}

/** The mock as the script's comment starts it, on a free port instead of 8080. */
const startCommand = /npx polyv-mock (.+)$/m.exec(script)![1]!.replace("--port 8080", "--port 0").split(" ")
const mockPackage = createRequire(import.meta.url).resolve("@polyv-stats/mock-server/package.json")
const bin = join(dirname(mockPackage), JSON.parse(readFileSync(mockPackage, "utf8")).bin["polyv-mock"])

describe("requests.sh against polyv-mock --world world.json", () => {
  let mock: ChildProcess
  let url: string

  beforeAll(async () => {
    mock = spawn(process.execPath, [bin, ...startCommand], { cwd: here, stdio: ["ignore", "pipe", "pipe"] })
    let stderr = ""
    mock.stderr!.setEncoding("utf8").on("data", (text: string) => (stderr += text))
    // Its first line on stdout is its URL; if it ends instead, say why.
    const line = once(createInterface({ input: mock.stdout! }), "line").then(([first]) => first as string)
    const first = await Promise.race([line, once(mock, "exit").then(() => undefined)])
    if (first === undefined) throw new Error(`polyv-mock exited ${mock.exitCode}: ${stderr}`)
    url = first
  })
  afterAll(async () => {
    if (mock.exitCode === null) {
      mock.kill("SIGTERM")
      await once(mock, "exit")
    }
  })

  it("answers each curl line from the world file, and GET /__mock/calls lists what was asked", async () => {
    const vars = { MOCK: url, SECRET: /^SECRET=(\S+)/m.exec(script)![1]!, NOW: String(Date.now()) }
    const answers = []
    for (const request of requestsOf(vars)) {
      const { body } = request
      const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body }
      answers.push(await (await fetch(request.url, init)).json())
    }
    const [page, durations, stubbed, refused, limited, asked] = answers
    expect(answers).toHaveLength(6)

    const channel = world.channels[0]!
    const newestFirst = channel.sessions.map((s) => s.sessionId).toReversed()
    const sessions = channel.sessions.length
    expect(page).toMatchObject({
      code: 200,
      data: { pageNumber: 1, totalItems: sessions, totalPages: Math.ceil(sessions / 2) },
    })
    expect(page.data.contents.map((s: { sessionId: string }) => s.sessionId)).toEqual(newestFirst.slice(0, 2))

    const liveSeconds = channel.sessions.reduce((sum, s) => sum + (s.endTime - s.startTime) / 1000, 0)
    expect(durations).toEqual({
      code: 200,
      status: "success",
      message: "",
      data: [{ channelId: Number(channel.channelId), duration: liveSeconds }],
    })
    // Page 002's code for a bad sign; the stub answered only the well-signed call after it.
    expect(refused).toEqual({ code: 403, status: "error", message: "invalid signature.", data: "" })
    expect(stubbed.added).toHaveLength(1)
    expect(limited).toMatchObject({ status: "error", message: "qps exceeds number of calls" })

    expect(asked.calls).toHaveLength(1)
    expect(asked.calls[0]).toMatchObject({
      params: { channelId: channel.channelId, page: 1, pageSize: 2 },
      by: "world",
    })
    expect(asked.calls[0].wire.sign).toBeUndefined()
  })

  it("sign.mjs gives Polyv's signs (spec/seeds/sign-vectors.json)", () => {
    const vectors = JSON.parse(readFileSync(join(here, "../../../../spec/seeds/sign-vectors.json"), "utf8")) as {
      appSecret: string
      vectors: Array<{ params: Record<string, string | null>; sign: string }>
    }
    expect(vectors.vectors.length).toBeGreaterThan(2)
    for (const vector of vectors.vectors) expect(sign(vectors.appSecret, vector.params)).toBe(vector.sign)
    // Blank values are neither signed nor sent; the sign goes last.
    expect(signedQuery(["s", "b=2", "a=x y", "c= "])).toBe(`b=2&a=x+y&sign=${sign("s", { a: "x y", b: "2" })}`)
    expect(() => signedQuery(["s", "page"])).toThrow("expected name=value, got \"page\"")
  })
})
