/**
 * Test support: the built `polyv-mock` bin as a child process, run to its end. Nothing of the
 * test's own `POLYV_*` environment reaches it unless given.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** The bundled bin (`build` writes it). */
export const bin = fileURLToPath(new URL("../dist/polyv-mock.mjs", import.meta.url))

/** Fails the test with what to do when the bin is not built. */
export const assertBuilt = (): void => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run the build first`)
}

const running = new Set<ChildProcess>()

/** Stops the runs still going (after a failed test: a mock that should have ended would serve on). */
export const stopRuns = (): void => {
  for (const child of running) child.kill("SIGKILL")
}

/** What a run printed and how it ended. */
export interface Ended {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the bin to its end: stdin a pipe (not a terminal), stdout a pipe or a file descriptor. */
export const runBin = (
  args: ReadonlyArray<string>,
  options: { readonly stdout?: number; readonly env?: Record<string, string> } = {},
) => {
  assertBuilt()
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env }
  for (const key of Object.keys(env)) if (key.startsWith("POLYV_") && !(key in (options.env ?? {}))) delete env[key]
  // Plain HTTP on a local port: no CA file to read (~40 ms of CPU a start where it is set).
  delete env.NODE_EXTRA_CA_CERTS
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["pipe", options.stdout ?? "pipe", "pipe"] })
  running.add(child)
  child.on("exit", () => running.delete(child))
  return new Promise<Ended>((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
}
