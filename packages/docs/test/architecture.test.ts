// ARCHITECTURE.md is the map of the code, and a map that lies is worse than none: every path it
// names must exist, and its "may import" tables must hold for the source as it is. A new folder, or
// an import across folders the table does not allow, fails here until the map says so.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { expandPath, namedPaths, repo } from "./repoPaths.js"

const map = readFileSync(join(repo, "ARCHITECTURE.md"), "utf8")

/** The "may import" tables, in order (core's, then the mock's): folder → what it may import. */
const importTables = (text: string): ReadonlyArray<ReadonlyMap<string, ReadonlySet<string>>> =>
  text.split("| folder | may import |").slice(1).map((table) => {
    const lines = table.split("\n").slice(2) // the rest of the header line, and the |---| line
    const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith("|")))
    return new Map(
      rows.map((row) => {
        const [, folder, allowed] = row.split("|").map((cell) => cell.trim())
        const names = allowed === "—" ? [] : allowed!.split(",").map((name) => name.trim())
        return [folder!.replaceAll("`", ""), new Set(names)]
      }),
    )
  })

/** The folders (and top-level modules) of `src` that each file of a folder imports by a relative path. */
const importsOf = (src: string, folder: string): ReadonlyArray<{ readonly file: string; readonly target: string }> =>
  readdirSync(join(src, folder)).filter((file) => file.endsWith(".ts")).flatMap((file) =>
    [...readFileSync(join(src, folder, file), "utf8").matchAll(/from "\.\.\/([\w]+)(?:\/|\.js")/g)].map((m) => ({
      file: `${folder}/${file}`,
      target: m[1]!,
    }))
  )

const folders = (src: string) => readdirSync(src).filter((entry) => statSync(join(src, entry)).isDirectory())

const [core, mock] = importTables(map)
const packages = [
  { name: "core", src: join(repo, "packages", "core", "src"), table: core! },
  { name: "mock-server", src: join(repo, "packages", "mock-server", "src"), table: mock! },
]

describe("ARCHITECTURE.md", () => {
  it.each(namedPaths(map))("names %s, which exists", (path) => {
    for (const file of expandPath(path)) expect(existsSync(join(repo, file)), file).toBe(true)
  })

  it("has a 'may import' table for core and for the mock", () => {
    expect(core?.size).toBeGreaterThan(5)
    expect(mock?.size).toBeGreaterThan(5)
  })

  describe.each(packages)("$name's 'may import' table", ({ src, table }) => {
    it("lists every folder of src", () => {
      expect(new Set(folders(src))).toEqual(new Set(table.keys()))
    })

    it("holds for every import across folders", () => {
      const refused = folders(src).flatMap((folder) =>
        importsOf(src, folder)
          .filter(({ target }) => target !== folder && !table.get(folder)?.has(target))
          .map(({ file, target }) => `${file} imports ${target}`)
      )
      expect(refused).toEqual([])
    })
  })
})
