import { defineConfig, mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      // The contract-testing examples are test files themselves (the guide shows them whole).
      include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
      // Examples print on the console the test captures; one file at a time keeps captures apart.
      fileParallelism: false,
    },
  }),
)
