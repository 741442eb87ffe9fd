// What npm shows a stranger comes from each published package's own folder: its package.json and the
// files it packs. npm packs a LICENSE only from the package folder, so each one carries a copy of the
// root LICENSE; the copies must not drift, and the links must point at the package's own folder.
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { refusal } from "../../../scripts/prepack-guard.mjs"
import { repo } from "./repoPaths.js"

const published = ["core", "mock-server", "cli"] as const
const rootLicense = readFileSync(join(repo, "LICENSE"), "utf8")
const manifest = (name: string) => JSON.parse(readFileSync(join(repo, "packages", name, "package.json"), "utf8"))
/** The one repository every package names (the CLI's, checked against the others below). */
const repositoryUrl = manifest("cli").repository.url as string

describe.each(published)("the published package %s", (name) => {
  const pkg = manifest(name)
  it("carries the root LICENSE, unchanged, and says MIT", () => {
    expect(readFileSync(join(repo, "packages", name, "LICENSE"), "utf8")).toBe(rootLicense)
    expect(pkg.license).toBe("MIT")
    expect(rootLicense.startsWith("MIT License")).toBe(true)
  })
  it("names the repository, its own folder in it, the issue tracker, and public access", () => {
    expect(pkg.repository).toEqual({ type: "git", url: repositoryUrl, directory: `packages/${name}` })
    const web = repositoryUrl.replace(/^git\+/, "").replace(/\.git$/, "")
    expect(pkg.homepage).toBe(`${web}/tree/main/packages/${name}#readme`)
    expect(pkg.bugs).toEqual({ url: `${web}/issues` })
    expect(pkg.publishConfig).toEqual({ access: "public" })
    expect(pkg.author).toEqual(expect.any(String))
    expect(pkg.keywords).toContain("polyv")
  })
})

describe("the README npm shows", () => {
  it.each(published)("of %s links to the other packages absolutely (a relative link is dead on npm)", (name) => {
    const readme = readFileSync(join(repo, "packages", name, "README.md"), "utf8")
    const targets = [...readme.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]!)
    expect(targets.filter((target) => !/^(https?:|mailto:|#)/.test(target))).toEqual([])
  })

  it("of the CLI shows every command its --help lists", () => {
    const help = execFileSync(process.execPath, [join(repo, "packages", "cli", "dist", "polyv-stats.mjs"), "--help"])
      .toString()
    const section = help.split(/^SUBCOMMANDS$/m)[1]!.split(/^\S/m)[0]!
    const commands = [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!)
    expect(commands.length).toBeGreaterThan(5)
    const readme = readFileSync(join(repo, "packages", "cli", "README.md"), "utf8")
    expect(commands.filter((command) => !readme.includes(`polyv-stats ${command} `))).toEqual([])
  })
})

describe("the prepack guard", () => {
  it("refuses a missing build and one older than the sources, and passes a fresh one", () => {
    const dir = mkdtempSync(join(tmpdir(), "prepack-guard-"))
    try {
      mkdirSync(join(dir, "src"))
      mkdirSync(join(dir, "dist"))
      writeFileSync(join(dir, "src", "a.ts"), "")
      expect(refusal(dir, ["dist/a.js"])).toMatch(/^dist\/a\.js missing: run `npx -y pnpm@10 build` first/)
      writeFileSync(join(dir, "dist", "a.js"), "")
      utimesSync(join(dir, "src", "a.ts"), new Date(2_000_000), new Date(2_000_000))
      utimesSync(join(dir, "dist", "a.js"), new Date(1_000_000), new Date(1_000_000))
      expect(refusal(dir, ["dist/a.js"])).toMatch(/is older than the sources/)
      utimesSync(join(dir, "dist", "a.js"), new Date(3_000_000), new Date(3_000_000))
      expect(refusal(dir, ["dist/a.js"])).toBeUndefined()
      // A source named after `--` (the CLI's package.json, whose version its bundle embeds).
      writeFileSync(join(dir, "package.json"), "{}")
      expect(refusal(dir, ["dist/a.js"], ["src", "package.json"])).toMatch(/older than the sources/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
