/**
 * `polyv-stats mock --world`: the mock's flag, mounted as is, with the CLI's own ending: a refused
 * world file is exit 2 with every problem on stderr, and nothing served (a real child process).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it } from "vitest"
import { assertBuilt, makeRunner } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "polyv-cli-world-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it("mock --world refuses a bad file: exit 2, every problem with its path, nothing served", async () => {
  assertBuilt()
  const file = join(dir, "bad.json")
  writeFileSync(
    file,
    JSON.stringify({ users: ["u1", "u1"], channels: [{ channelId: "0", userId: "u1", sessions: [] }] }),
  )
  const { run } = makeRunner()
  const ended = await run(["mock", "--world", file])
  expect(ended.code, ended.stderr).toBe(2)
  expect(ended.stdout).toBe("")
  expect(ended.stderr).toBe([
    `error: --world ${file} is refused, 1 problem:`,
    "  users[1]: u1 is also users[0]",
    "",
  ].join("\n"))
})
