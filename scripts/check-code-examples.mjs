#!/usr/bin/env node
// Every public module's TSDoc example must compile. This extracts each ```ts block from the
// doc comments of packages/core and packages/mock-server, writes it as its own module beside
// the CLI package (whose node_modules links both packages, as a consumer's would), and
// typechecks them all against the built .d.ts. A wrong name or argument in an example fails.
import { execFileSync } from "node:child_process"
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const out = join(root, "packages", "cli", ".tsdoc-examples")

const sources = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : []
  })

const examples = []
for (const pkg of ["core", "mock-server"]) {
  for (const file of sources(join(root, "packages", pkg, "src"))) {
    const text = readFileSync(file, "utf8")
    for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
      const body = comment.split("\n").map((line) => line.replace(/^\s*\/?\*+\/?\s?/, "")).join("\n")
      for (const block of body.matchAll(/```ts\n([\s\S]*?)```/g)) {
        examples.push({ from: relative(root, file), code: block[1] })
      }
    }
  }
}

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
examples.forEach(({ from, code }, i) => {
  // Each example is a module of its own; `export {}` keeps its names from clashing.
  writeFileSync(join(out, `example${i}.ts`), `// from ${from}\n${code}\nexport {}\n`)
})
writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify({
    extends: "../../../tsconfig.base.json",
    compilerOptions: { noEmit: true, composite: false, incremental: false, noUnusedLocals: false },
    include: ["*.ts"],
  }),
)
try {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", out], {
    stdio: "inherit",
  })
  console.log(`${examples.length} TSDoc examples compile: ${examples.length} passed, 0 failed`)
} catch {
  console.error(`TSDoc examples do not compile (files in ${relative(root, out)})`)
  process.exitCode = 1
}
