#!/usr/bin/env node
// Every example a user copies must work. This extracts the ```ts blocks of the public modules'
// TSDoc comments and of the READMEs and docs pages (`code-examples/extract.mjs` says how a block
// says what it is), writes each as its own module beside the CLI package (whose node_modules links
// core and mock-server, as a consumer's would), typechecks them all against the built .d.ts, runs
// the runnable ones against the mock (`code-examples/run.mjs`), and checks the shell blocks'
// `polyv-stats` / `polyv-mock` lines against the bins' own help (`code-examples/shell.mjs`).
import { execFile } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { promisify } from "node:util"
import { markdownBlocks, tsdocExamples } from "./code-examples/extract.mjs"
import { runSnippets } from "./code-examples/run.mjs"
import { checkInvocations, invocations } from "./code-examples/shell.mjs"

const root = resolve(import.meta.dirname, "..")
const out = join(root, "packages", "cli", ".code-examples")

const markdown = markdownBlocks(root)
const examples = [...tsdocExamples(root), ...markdown.typescript]

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
examples.forEach((example, i) => {
  example.name = `example${i}`
  // Each example is a module of its own; `export {}` keeps its names from clashing.
  writeFileSync(join(out, `${example.name}.ts`), `// from ${example.from}\n${example.code}\nexport {}\n`)
})
writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify({
    extends: "../../../tsconfig.base.json",
    compilerOptions: {
      outDir: "js",
      composite: false,
      incremental: false,
      declaration: false,
      declarationMap: false,
      sourceMap: false,
      noUnusedLocals: false,
      noUnusedParameters: false,
    },
    include: ["*.ts"],
  }),
)

const shell = checkInvocations(root, markdown.shell.flatMap(invocations))
const tsc = join(root, "node_modules", "typescript", "bin", "tsc")
const compiled = await promisify(execFile)(process.execPath, [tsc, "-p", out]).then(
  () => true,
  (e) => (console.error(`${e.stdout}${e.stderr}\nexamples do not compile (files in ${relative(root, out)})`), false),
)
const runnable = examples.filter((e) => e.run).map((e) => ({ ...e, file: join(out, "js", `${e.name}.js`) }))
const failures = compiled ? await runSnippets(root, runnable) : []
const { problems, commands } = await shell
for (const problem of [...failures, ...problems]) console.error(problem)
if (!compiled || failures.length > 0 || problems.length > 0) process.exitCode = 1
else {
  console.log(
    `${examples.length} code examples compile (${examples.length - markdown.typescript.length} TSDoc, ` +
      `${markdown.typescript.length} from pages), ${runnable.length} ran against the mock; ` +
      `${markdown.shell.length} shell blocks name real commands and flags (${commands} --help read)`,
  )
}
