// Shared vitest settings. vitest 5's reporter calls Map.groupBy (Node ≥21) when a test fails;
// without it on Node 20 the failure details vanish, so polyfill it here, in the main process.
import { defineConfig } from "vitest/config"
import { runtimeOnly } from "./propertyRuns.js"

// The Node 22 run (core's and mock-server's test:node22) must really be on Node 22: a script that
// fell back to the PATH's node would pass while proving nothing.
const runtimeMajor = process.versions.node.split(".")[0]
if (runtimeOnly && runtimeMajor !== "22") {
  throw new Error(`POLYV_TEST_PROFILE=runtime is the Node 22 run, but this is Node ${process.versions.node}`)
}

const M = Map as unknown as {
  groupBy?: (items: Iterable<unknown>, key: (item: unknown, index: number) => unknown) => Map<unknown, Array<unknown>>
}
M.groupBy ??= (items, key) => {
  const groups = new Map<unknown, Array<unknown>>()
  let i = 0
  for (const item of items) {
    const k = key(item, i++)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

export const sharedConfig = defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Test files share their workers: a fresh worker per file cost each package ~0.15 s of spawn
    // and ~0.5 s of re-importing effect and the packages per file (core: 23 s of CPU → 9 s;
    // mock-server: 55 s → 33 s). Files still run one at a time per worker and each file is its own
    // module, so only what the imported modules hold is shared. That is safe while no test relies
    // on module-global state or stubs a process-wide thing without restoring it (vi.mock,
    // vi.stubGlobal, a process.env or console left changed): keep it so.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
