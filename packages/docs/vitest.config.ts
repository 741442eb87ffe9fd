import { defineConfig, mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.js"

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      // Examples print on the console the test captures; one file at a time keeps captures apart.
      fileParallelism: false,
    },
  }),
)
