/** `cli/TextFile.ts`: a flag's file is read up to a limit, so a file that never ends is refused, not read forever. */
import { Effect } from "effect"
import { rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { readText } from "../src/cli/TextFile.js"

describe("readText", () => {
  it("refuses a file past the limit (a device that never ends) and reads one within it, BOM dropped", async () => {
    const refused = await Effect.runPromise(Effect.flip(readText("--world", "/dev/zero", "", 64 * 1024)))
    expect(refused.message).toBe("--world /dev/zero: larger than 65536 bytes, more than any world or stubs file needs")
    const file = join(tmpdir(), `text-file-test-${process.pid}.json`)
    writeFileSync(file, "\uFEFF{\"a\":\"é\"}")
    try {
      expect(await Effect.runPromise(readText("--world", file, "", 64 * 1024))).toBe(`{"a":"é"}`)
    } finally {
      rmSync(file, { force: true })
    }
  })
})
