// Where the code examples a user copies live, and what each says it is. One extractor for both
// kinds of source: the ```ts blocks of the public modules' TSDoc comments, and the fenced blocks of
// the READMEs and the docs' pages.
//
// A Markdown block's info string says what the test does with it (words after the language):
//   ```ts                    typechecked (the default: every TypeScript block compiles)
//   ```ts run                typechecked, then run against the mock (credentials in POLYV_*)
//   ```ts run env            … and run once more without POLYV_*: it must fail, naming POLYV_APP_ID
//   ```ts run creates=FILE   … and the run must leave FILE, whole (an .xlsx: a complete zip)
//   ```ts no-check: reason   not compiled, for the reason given (a reason is required)
//   ```sh                    each `polyv-stats …` / `polyv-mock …` line names real commands and flags
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const sources = (dir, ending) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path, ending) : path.endsWith(ending) ? [path] : []
  })

/** The Markdown pages whose blocks are checked: the READMEs and the docs' hand-written pages. */
export const markdownPages = (root) => [
  join(root, "README.md"),
  ...readdirSync(join(root, "packages")).map((pkg) => join(root, "packages", pkg, "README.md"))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile()),
  ...sources(join(root, "packages", "docs", "guide"), ".md"),
  join(root, "packages", "docs", "index.md"),
]

/** Every ```ts block of the doc comments of core's and mock-server's sources. */
export const tsdocExamples = (root) =>
  ["core", "mock-server"].flatMap((pkg) =>
    sources(join(root, "packages", pkg, "src"), ".ts").flatMap((file) => {
      const text = readFileSync(file, "utf8")
      return (text.match(/\/\*\*[\s\S]*?\*\//g) ?? []).flatMap((comment) => {
        const body = comment.split("\n").map((line) => line.replace(/^\s*\/?\*+\/?\s?/, "")).join("\n")
        return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((block) => ({
          from: relative(root, file),
          code: block[1],
          run: false,
        }))
      })
    })
  )

const usage = "expected `ts`, `ts run [env] [creates=FILE]` or `ts no-check: <reason>`"

/** Reads a TypeScript block's info string (the words after `ts`); throws naming the block if it is not one. */
const tsBlock = (from, words, code) => {
  if (words[0] === "no-check:") {
    if (words.length < 2) throw new Error(`${from}: \`ts no-check:\` needs a reason (${usage})`)
    return undefined
  }
  const block = { from, code, run: false, env: false, creates: undefined }
  for (const [i, word] of words.entries()) {
    if (i === 0 && word === "run") block.run = true
    else if (block.run && word === "env") block.env = true
    else if (block.run && word.startsWith("creates=") && word.length > 8) block.creates = word.slice(8)
    else throw new Error(`${from}: unknown word "${word}" in the info string (${usage})`)
  }
  return block
}

/** The fenced blocks of the pages: TypeScript blocks to compile (and run), and shell lines to check. */
export const markdownBlocks = (root) => {
  const typescript = []
  const shell = []
  for (const page of markdownPages(root)) {
    const text = readFileSync(page, "utf8")
    for (const match of text.matchAll(/^( *)```(\S*)([^\n]*)\n([\s\S]*?)^\1```$/gm)) {
      const [, indent, language, info, body] = match
      const line = text.slice(0, match.index).split("\n").length
      const from = `${relative(root, page)}:${line}`
      const code = body.split("\n").map((l) => l.slice(indent.length)).join("\n")
      const words = info.trim().split(/\s+/).filter(Boolean)
      if (language === "ts") {
        const block = tsBlock(from, words, code)
        if (block) typescript.push(block)
      } else if (language === "sh") shell.push({ from, code })
    }
  }
  return { typescript, shell }
}
