// Shared vitest settings. vitest 5's reporter calls Map.groupBy (Node ≥21) when a test fails;
// without it on Node 20 the failure details vanish, so polyfill it here, in the main process.
import { defineConfig } from "vitest/config"

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
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
