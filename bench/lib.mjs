// Shared helpers of the benchmarks: signed request paths, child processes, statistics, the table.
import { Redacted } from "effect"
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Contract, Signer } from "../packages/core/dist/index.js"
import { demoCredentials } from "../packages/mock-server/dist/index.js"

export const secret = Redacted.make(demoCredentials.appSecret)
export const credentials = { appId: demoCredentials.appId, appSecret: secret }
export { Contract, demoCredentials }

export const here = (relative) => fileURLToPath(new URL(relative, import.meta.url))

/** A path with `appId`, a fresh `timestamp` and its `sign` (valid for the mock's 3 minutes). */
export const signedPath = (path, params, now = Date.now()) => {
  const all = { appId: demoCredentials.appId, timestamp: String(now), ...params }
  return `${path}?${new URLSearchParams({ ...all, sign: Signer.sign(all, secret) })}`
}

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
