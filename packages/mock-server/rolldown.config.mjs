// Bundles the `polyv-mock` bin — effect, platform-node and core included — into one ESM file, so
// the standalone mock loads one module instead of hundreds, and the library's own dependencies need
// not include platform-node (which declares Node >= 22.19; the bin runs it on Node 20, bundled).
import { chmodSync } from "node:fs"
import { defineConfig } from "rolldown"

export default defineConfig({
  input: "src/bin.ts",
  platform: "node",
  tsconfig: "tsconfig.src.json",
  plugins: [{ name: "executable", writeBundle: () => chmodSync("dist/polyv-mock.mjs", 0o755) }],
  output: {
    file: "dist/polyv-mock.mjs",
    format: "esm",
    codeSplitting: false,
    // As the CLI's bundle: whitespace out and dead code dropped, names kept for stack traces.
    minify: { mangle: false, compress: true },
    sourcemap: false,
  },
})
