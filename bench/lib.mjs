// Shared helpers of the benchmarks: signed request paths, child processes, statistics, the table.
import { Redacted, Result } from "effect"
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Contract, RequestSigning, Signer } from "../packages/core/dist/index.js"
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
export const runChild = (script, args = [], execArgv = []) =>
  new Promise((resolve, reject) => {
    const child = fork(here(script), args, { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] })
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
