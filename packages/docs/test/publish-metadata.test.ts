// What npm shows a stranger comes from each published package's own folder: its package.json and the
// files it packs. npm packs a LICENSE only from the package folder, so each one carries a copy of the
// root LICENSE; the copies must not drift, and the links must point at the package's own folder.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
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
