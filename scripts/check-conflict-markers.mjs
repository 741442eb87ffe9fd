// A merge that left conflict markers in a tracked file fails `check` (and so the test command):
// neither the formatter nor the tests notice them in markdown or in a comment.
import { spawnSync } from "node:child_process"

const found = spawnSync("git", ["grep", "-nE", "^(<<<<<<<|>>>>>>>)( |$)", "--", "."], { encoding: "utf8" })
if (found.status === 0) {
  process.stderr.write(`conflict markers left by a merge; resolve them:\n${found.stdout}`)
  process.exit(1)
}
if (found.status !== 1) {
  process.stderr.write(`could not look for conflict markers (git grep exited ${found.status}): ${found.stderr}`)
  process.exit(1)
}
