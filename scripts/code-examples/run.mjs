// Runs the runnable snippets (```ts run) against the docs' mock on a local port: all of them in one
// child process whose working folder is a fresh temporary one, then for each `creates=FILE` checks
// that FILE is there and whole; and each `run env` snippet once more without POLYV_*, where it must
// fail with a message that names POLYV_APP_ID (not `[object Object]`).
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { promisify } from "node:util"

const run = promisify(execFile)

/** Whether a file is a whole zip (an xlsx is one): it ends with the end-of-central-directory record. */
export const wholeZip = (bytes) => {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return false
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return at + 22 + bytes.readUInt16LE(at + 20) === bytes.length
  }
  return false
}

/** A snippet that hangs fails the check instead of the test command (each run takes about a second). */
const timeout = 60_000

const withoutPolyvEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("POLYV_")))

/** Runs the snippets (`{ from, file, env, creates }`, `file` compiled JS); returns the problems found. */
export const runSnippets = async (root, snippets) => {
  if (snippets.length === 0) return []
  const { withMock, demoCredentials } = await import(
    pathToFileURL(join(root, "packages", "mock-server", "dist", "index.js")).href
  )
  const { docsMock } = await import(pathToFileURL(join(root, "packages", "docs", "test", "docsMock.mjs")).href)
  // Reports ready at the first poll: a snippet waits for one with the default schedule (from 2 s).
  const mock = withMock({ ...docsMock, timestampClock: Date.now, reportPolls: 0 })
  const cwd = mkdtempSync(join(tmpdir(), "polyv-snippets-"))
  const problems = []
  try {
    await mock.start()
    const env = {
      ...withoutPolyvEnv(),
      POLYV_APP_ID: demoCredentials.appId,
      POLYV_APP_SECRET: demoCredentials.appSecret,
      POLYV_BASE_URL: mock.url,
    }
    const runner = join(root, "scripts", "code-examples", "run-snippets.mjs")
    const all = run(process.execPath, [runner, ...snippets.map((s) => s.file)], { cwd, env, timeout })
      .then(
        ({ stdout, stderr }) => void console.log(`${stdout}${stderr}`),
        (e) => `the snippets failed (exit ${e.code}):\n${e.stdout}${e.stderr}`,
      )
    const withoutCredentials = snippets.filter((s) => s.env).map(({ from, file }) =>
      run(process.execPath, [file], { cwd, env: withoutPolyvEnv(), timeout }).then(
        () => `${from}: ran without POLYV_APP_ID and did not fail`,
        // Effect's runner logs the failure on stdout.
        ({ code, stdout, stderr }) =>
          code === 1 && `${stdout}${stderr}`.includes("POLYV_APP_ID") &&
            !`${stdout}${stderr}`.includes("[object Object]")
            ? undefined
            : `${from}: without POLYV_APP_ID it must exit 1 naming the variable; exit ${code}:\n${stdout}${stderr}`,
      )
    )
    problems.push(...(await Promise.all([all, ...withoutCredentials])).filter(Boolean))
    for (const { from, creates } of snippets.filter((s) => s.creates)) {
      const path = join(cwd, creates)
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) problems.push(`${from}: did not create ${creates}`)
      else if (creates.endsWith(".xlsx") && !wholeZip(readFileSync(path))) {
        problems.push(`${from}: ${creates} is not a whole xlsx (a complete zip)`)
      }
    }
  } finally {
    await mock.stop()
    rmSync(cwd, { recursive: true, force: true })
  }
  return problems
}
