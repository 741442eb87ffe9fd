/**
 * The `polyv-mock` bin ends as `polyv-stats mock` does: an output it cannot write stops it (exit
 * 74, the mock closed: nobody could read its URL), `--wizard` needs a terminal (exit 2), and what it
 * quotes back of a flag is shown, never obeyed by the terminal. Real child processes, run side by
 * side; each ends on its own (no signal, no wait on time). Its installed entry (bin/polyv-mock.mjs)
 * and the compile cache it turns on are tested with the CLI's, in the CLI's binEntries.test.ts.
 */
import { closeSync, openSync } from "node:fs"
import { afterAll, describe, expect, it, onTestFinished } from "vitest"
import { runBin, stopRuns } from "./binProcess.js"

describe("polyv-mock, as polyv-stats mock", () => {
  const full = openSync("/dev/full", "w")
  afterAll(() => closeSync(full))

  it("ends with one line and its exit code, the mock closed, on every edge", async () => {
    onTestFinished(stopRuns)
    const [serving, help, wizard, port, host] = await Promise.all([
      runBin(["--port", "0"], { stdout: full }),
      runBin(["--help"], { stdout: full }),
      runBin(["--wizard"]),
      runBin(["--port", "1\u001b[2J"]),
      runBin(["--allow-host", "a\u001b]0;x\u0007"]),
    ])

    // stdout cannot take the URL: the mock stops serving instead of serving unseen.
    expect(serving.code, serving.stderr).toBe(74)
    expect(serving.stderr).toContain("error: could not write to stdout (ENOSPC")
    expect(serving.stderr).toMatch(/Polyv mock on http:\/\/127\.0\.0\.1:\d+ closed\./)

    expect(help.code, help.stderr).toBe(74)
    expect(help.stderr).toContain("error: could not write to stdout (ENOSPC")

    expect(wizard.code, wizard.stderr).toBe(2)
    expect(wizard.stderr).toContain("error: --wizard asks its questions on a terminal, and stdin is not one")
    expect(wizard.stdout).toBe("")

    for (const [ended, shown] of [[port, `--port: "1\\x1b[2J"`], [host, `--allow-host: "a\\x1b]0;x\\x07"`]] as const) {
      expect(ended.code, ended.stderr).toBe(2)
      expect(ended.stderr).toContain(shown)
      // oxlint-disable-next-line no-control-regex
      expect(ended.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/)
    }
  })
})
