/**
 * Runs the BUILT bundle (dist/polyv-stats.mjs, `pnpm run build` first) as a subprocess. Every
 * wait is on process output or exit, never a fixed sleep. Every run's output is kept so that each
 * suite can end with a scan for the app secret.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"

export const bin = fileURLToPath(new URL("../dist/polyv-stats.mjs", import.meta.url))

/** The app secret the test mocks accept; it must never appear in any output. */
export const SECRET = "cli-test-secret-Zq8v2LmX"
export const APP_ID = "clitestapp"
export const SEED = "cli-test"

export const assertBuilt = () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`pnpm run build\` in packages/cli first`)
}

export interface Run {
  readonly args: ReadonlyArray<string>
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * The environment of a run: nothing inherited that could leak credentials, TZ fixed. Without
 * `NODE_EXTRA_CA_CERTS`: every run speaks plain HTTP to a local port, and where it is set (these
 * machines) reading the CA file costs each Node start ~40 ms of CPU, ~8 s over this suite's ~200 runs.
 */
export const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: "UTC", NO_COLOR: "1" }
  for (const key of Object.keys(env)) if (key.startsWith("POLYV_")) delete env[key]
  delete env.NODE_EXTRA_CA_CERTS
  return env
}

/** Collects every run's output for {@link expectNoSecret}. */
export const makeRunner = () => {
  const seen: Array<Run> = []
  const start = (args: ReadonlyArray<string>, env: Record<string, string> = {}): ChildProcessWithoutNullStreams =>
    spawn(process.execPath, [bin, ...args], { env: { ...baseEnv(), ...env }, stdio: "pipe" })
  const finish = (child: ChildProcessWithoutNullStreams, args: ReadonlyArray<string>): Promise<Run> =>
    new Promise((resolve, reject) => {
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      child.on("error", reject)
      child.on("close", (code) => {
        const result = { args, code, stdout, stderr }
        seen.push(result)
        resolve(result)
      })
    })
  const run = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> =>
    finish(start(args, env), args)
  /** A run whose stdout goes to a file descriptor of the test's (e.g. `/dev/full`); stderr is kept. */
  const runToFd = (args: ReadonlyArray<string>, stdoutFd: number, env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], {
        env: { ...baseEnv(), ...env },
        stdio: ["ignore", stdoutFd, "pipe"],
      })
      let stderr = ""
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      child.on("error", reject)
      child.on("close", (code) => {
        const result = { args, code, stdout: "", stderr }
        seen.push(result)
        resolve(result)
      })
    })
  return { seen, start, finish, run, runToFd }
}

/** The scan: the secret in no stdout and no stderr of any run. */
export const expectNoSecret = (seen: ReadonlyArray<Run>, atLeast: number) => {
  expect(seen.length).toBeGreaterThanOrEqual(atLeast)
  for (const r of seen) {
    expect(r.stdout, `stdout of ${r.args.join(" ")}`).not.toContain(SECRET)
    expect(r.stderr, `stderr of ${r.args.join(" ")}`).not.toContain(SECRET)
  }
}

/**
 * Every character a terminal acts on instead of showing (C0, DEL, C1, line separators, bidi
 * overrides and isolates), and the invisible ones that hide or reorder text (soft hyphen, Arabic
 * letter mark, Mongolian vowel separator, zero-width space and joiners, LRM/RLM, word joiner and
 * invisible operators, BOM, tag characters): text printed for people must hold none but its line
 * ends. Listed by hand, apart from the escaper's own definition.
 */
export const terminalControls =
  // oxlint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc01\udc20-\udc7f]/

/** `text` with its line ends, which it may hold, taken out. */
export const withoutLineEnds = (text: string) => text.replaceAll("\n", "")

/** A port where nothing listens. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

/** A request the proxy saw, with its query. */
export interface Seen {
  readonly path: string
  readonly params: URLSearchParams
}

export interface Proxy {
  readonly url: string
  readonly requests: Array<Seen>
  readonly close: () => Promise<void>
}

/**
 * A pass-through in front of the mock that records every request and may hold one back until a
 * promise settles (to prove output is streamed before a later page is fetched).
 */
export const startProxy = async (
  target: string,
  hold: (request: Seen) => Promise<void> | undefined = () => undefined,
): Promise<Proxy> => {
  const requests: Array<Seen> = []
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", target)
    const seenRequest = { path: url.pathname, params: url.searchParams }
    requests.push(seenRequest)
    await hold(seenRequest)
    const answer = await fetch(`${target}${url.pathname}${url.search}`)
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" })
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A promise and its resolve, for gates (Node 20 has no Promise.withResolvers). */
export const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** Parses CSV written by the CLI (RFC 4180, CRLF). */
export const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = false
      else field += c
    } else if (c === "\"") quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else field += c
  }
  if (field !== "" || row.length > 0) rows.push([...row, field])
  return rows
}

/** `h:mm:ss` of a number of seconds, as the tables show durations. */
export const hms = (seconds: number) =>
  `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${
    String(seconds % 60).padStart(2, "0")
  }`

/** `yyyy-MM-dd HH:mm:ss` in UTC (the children run with TZ=UTC). */
export const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ")
