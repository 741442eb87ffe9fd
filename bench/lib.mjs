// Shared helpers of the benchmarks: signed request paths, child processes, statistics, the table.
import { Redacted, Result } from "effect"
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Contract, credentialsEnv, RequestSigning, SessionWindows, Signer } from "../packages/core/dist/index.js"
import { demoCredentials } from "../packages/mock-server/dist/index.js"

export const credentials = { appId: demoCredentials.appId, appSecret: Redacted.make(demoCredentials.appSecret) }
export { Contract }

export const here = (relative) => fileURLToPath(new URL(relative, import.meta.url))

/** A path with its wire parameters signed by core at `now` (valid for the mock's 3 minutes). */
export const signedPath = (path, params, now = Date.now()) => {
  const { params: sent, sign } = RequestSigning.signParams(credentials, params, now)
  return `${path}?${new URLSearchParams([...sent, [Signer.signParam, sign]])}`
}

/** An endpoint's request as `[path, wire parameters]` (what `signedPath` takes), encoded by the contract. */
export const wireRequest = (endpoint, params) => {
  const wire = Contract.encodeParamsResult(endpoint, params)
  if (Result.isFailure(wire)) throw new Error(wire.failure.message)
  return [endpoint.path, wire.success]
}

/** A session-list page as core's client takes it: one channel, the contract's default page size. */
export const sessionListParams = (channelId) => ({ channelId, pageSize: Contract.defaultPageSize })

/**
 * The requests the benchmarks send the mock, by endpoint, each as `[path, wire parameters]` (what
 * `signedPath` takes): a session-list page and one channel's live durations.
 */
export const requestsFor = (channelId) => ({
  sessionList: wireRequest(Contract.sessionList, sessionListParams(channelId)),
  liveDurations: wireRequest(Contract.liveDurations, { channelIds: [channelId] }),
})

/** Forks a child script and waits for its first IPC message ("ready", with whatever it reports). */
export const startChild = async (script, args = [], execArgv = []) => {
  const child = fork(here(script), args, { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] })
  const ready = await new Promise((resolve, reject) => {
    child.once("message", resolve)
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)))
  })
  return {
    child,
    ready,
    ask: (message) =>
      new Promise((resolve) => {
        child.once("message", resolve)
        child.send(message)
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once("exit", resolve)
        child.kill("SIGTERM")
      }),
  }
}

/** Runs a child to completion and returns its single result message. */
export const runChild = (script, args = [], execArgv = [], env = {}) =>
  new Promise((resolve, reject) => {
    const child = fork(here(script), args, {
      execArgv,
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    })
    let result
    child.on("message", (message) => (result = message))
    child.once("exit", (code) =>
      code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${script} ${args} exited with ${code}`)))
  })

export const median = (values) => {
  const sorted = values.toSorted((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

/** Bytes as whole megabytes (10^6), for RSS figures. */
export const mb = (bytes) => Math.round(bytes / 1e6)

/** The run of `runs` that `better(a, b)` prefers over all others (the lowest CPU, the fastest…). */
export const bestOf = (runs, better) => runs.reduce((a, b) => (better(b, a) ? b : a))

/**
 * What a baseline child that pages session lists (`children/rawPages.mjs`) is told, since it
 * imports nothing of ours: the credentials, the endpoint's path and the window span.
 */
export const baselineEnv = {
  [credentialsEnv.appId]: credentials.appId,
  [credentialsEnv.appSecret]: Redacted.value(credentials.appSecret),
  BENCH_SESSION_LIST_PATH: Contract.sessionList.path,
  BENCH_MAX_SPAN_DAYS: String(SessionWindows.maxSpan / 86_400_000),
}

/**
 * Throws unless the baselines' plain request (`children/plainRequest.mjs`) is core's: every sign
 * vector of spec/seeds/sign-vectors.json, a signed session-list path, and the windows of a long range.
 */
export const checkPlainRequest = async () => {
  const plain = await import("./children/plainRequest.mjs")
  const { readFileSync } = await import("node:fs")
  const vectors = JSON.parse(readFileSync(here("../spec/seeds/sign-vectors.json"), "utf8"))
  for (const v of vectors.vectors.filter((vector) => (vector.method ?? "MD5") === "MD5")) {
    if (plain.sign(vectors.appSecret, v.params) !== v.sign) throw new Error(`plainRequest: sign vector "${v.case}"`)
  }
  const from = Date.parse("2024-01-01T00:00:00Z") + 123
  const to = Date.parse("2026-11-30T12:34:56Z") + 456
  const windows = SessionWindows.splitWindows(from, to)
  const mine = plain.splitWindows(from, to, Number(baselineEnv.BENCH_MAX_SPAN_DAYS))
  if (JSON.stringify(windows) !== JSON.stringify(mine)) throw new Error("plainRequest: windows differ from core's")
  const now = 1_705_000_000_000
  const params = {
    channelId: "2272655",
    startDate: new Date(windows[0].from),
    endDate: new Date(windows[0].to),
    page: 2,
    pageSize: 1000,
  }
  const [path, wire] = wireRequest(Contract.sessionList, params)
  const plainWire = {
    channelId: "2272655",
    startDate: plain.chinaDateTime(windows[0].from),
    endDate: plain.chinaDateTime(windows[0].to),
    page: "2",
    pageSize: "1000",
  }
  const ours = signedPath(path, wire, now)
  const theirs = plain.signedPath(path, plainWire, {
    appId: credentials.appId,
    secret: Redacted.value(credentials.appSecret),
  }, now)
  if (ours !== theirs) throw new Error(`plainRequest: ${theirs} is not core's ${ours}`)
}
