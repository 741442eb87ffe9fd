// The guide "Adding an endpoint" names the repository's files one touches: every path it names must
// exist, so a rename or a move breaks this test until the page is updated. A path with `<name>` or
// `<slug>` is checked for every endpoint of the contract (the page states that convention); one with
// another placeholder (`<command>`, `<NNN>_<hash>`), by its folder.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { expandPath as expand, namedPaths, repo } from "./repoPaths.js"

const docs = join(repo, "packages", "docs")
const page = readFileSync(join(docs, "guide", "adding-an-endpoint.md"), "utf8")

const named = namedPaths(page)

describe("the guide 'Adding an endpoint'", () => {
  it("names the files of each step", () => {
    // Spec, contract, mock, CLI, docs and tests: a page that lost its paths would pass the next test.
    for (const top of ["spec/", "packages/core/", "packages/mock-server/", "packages/cli/", "packages/docs/"]) {
      expect(named.some((path) => path.startsWith(top)), top).toBe(true)
    }
    expect(named.filter((path) => path.includes("<name>") || path.includes("<slug>")).length).toBeGreaterThanOrEqual(4)
  })

  it.each(named)("%s exists", (path) => {
    for (const file of expand(path)) expect(existsSync(join(repo, file)), file).toBe(true)
  })

  it("is in the sidebar", () => {
    expect(readFileSync(join(docs, ".vitepress", "config.mts"), "utf8")).toContain(`"/guide/adding-an-endpoint"`)
  })
})
