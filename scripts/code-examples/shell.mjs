// The command lines of the pages' shell blocks: each `polyv-stats …` or `polyv-mock …` must name a
// real command and real flags. What is real is read from the built bins' own `--help` (their FLAGS,
// GLOBAL FLAGS and SUBCOMMANDS sections), one child process per command named, all at once: the
// help is the parser's own description, so a renamed flag fails here as it would for the user.
import { execFile } from "node:child_process"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)

const binsOf = (root) => ({
  "polyv-stats": join(root, "packages", "cli", "dist", "polyv-stats.mjs"),
  "polyv-mock": join(root, "packages", "mock-server", "bin", "polyv-mock.mjs"),
})

/** A help text's option column: `  --channel id   …`, `  --help, -h   …`. */
const helpFlags = (help) =>
  new Set(
    help.split("\n").filter((line) => /^ {2}-/.test(line))
      .flatMap((line) => line.trim().split(/\s{2,}/)[0].match(/--?[A-Za-z][A-Za-z0-9-]*/g) ?? []),
  )

const helpSubcommands = (help) => {
  const section = help.split(/^SUBCOMMANDS$/m)[1]?.split(/^\S/m)[0] ?? ""
  return new Set([...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]))
}

/** The invocations in a block: its lines (continuations joined, comments dropped) cut at `;`, `|`, `&`, `(`, `)`. */
export const invocations = ({ from, code }) =>
  code.replace(/\\\n/g, " ").split("\n").flatMap((line) =>
    line.replace(/(^|\s)#.*$/, "").split(/&&|\|\||[;|&()]/).flatMap((segment) => {
      const words = segment.trim().split(/\s+/)
      const at = words.findIndex((word) => word === "polyv-stats" || word === "polyv-mock")
      return at < 0 ? [] : [{ from, line: segment.trim(), bin: words[at], args: words.slice(at + 1) }]
    })
  )

/** Problems with the invocations, each naming the page, the line and the unknown name. */
export const checkInvocations = async (root, found) => {
  const bins = binsOf(root)
  const helps = new Map()
  const help = (bin, command) => {
    const key = `${bin} ${command ?? ""}`
    if (!helps.has(key)) {
      const args = [bins[bin], ...(command ? [command] : []), "--help"]
      helps.set(key, run(process.execPath, args).then(({ stdout }) => stdout))
    }
    return helps.get(key)
  }
  const problems = []
  await Promise.all(found.map(async ({ from, line, bin, args: given }) => {
    // `polyv-stats help X` is `polyv-stats X --help` (the CLI's flags/Argv.ts helpAsFlag).
    const args = bin === "polyv-stats" && given[0] === "help" ? [...given.slice(1), "--help"] : given
    const subcommands = bin === "polyv-stats" ? helpSubcommands(await help(bin)) : new Set()
    // The command is the first word that is neither a flag, a flag's value nor a <placeholder>.
    const command = args.find((word, i) =>
      !word.startsWith("-") && !word.startsWith("<") && !(i > 0 && /^--?[^=]+$/.test(args[i - 1]))
    )
    if (command !== undefined && bin === "polyv-stats" && !subcommands.has(command)) {
      problems.push(`${from}: \`${line}\`: no command "${command}" (${[...subcommands].join(", ")})`)
      return
    }
    const known = helpFlags(await help(bin, bin === "polyv-stats" ? command : undefined))
    for (const word of args.filter((w) => w.startsWith("-") && w !== "-" && w !== "--")) {
      const flag = word.split("=")[0]
      if (!known.has(flag)) problems.push(`${from}: \`${line}\`: ${bin} ${command ?? ""} has no flag ${flag}`)
    }
  }))
  return { problems, commands: helps.size }
}
