// Every internal link of the built site (dist/, from `vitepress build`) reaches a page, and its
// `#anchor` an element of that page. VitePress checks that linked pages exist, not anchors: a
// generated reference renames headings (`#worldsession-1`) without failing the build.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, posix, relative } from "node:path"
import { describe, expect, it } from "vitest"

const site = join(import.meta.dirname, "..", "dist")

const htmlFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === "assets" ? [] : htmlFiles(join(dir, entry.name))
      : entry.name.endsWith(".html")
      ? [join(dir, entry.name)]
      : []
  )

/** The page a site path stands for, as a host serves it (`/x` → x.html, `/x/` → x/index.html). */
const pageOf = (path: string): string | undefined => {
  const clean = decodeURIComponent(path).replace(/^\//, "")
  for (const candidate of [clean, `${clean}.html`, posix.join(clean, "index.html")]) {
    const file = join(site, candidate)
    if (candidate !== "" && existsSync(file) && file.endsWith(".html")) return file
  }
  return clean === "" ? join(site, "index.html") : undefined
}

describe.skipIf(!existsSync(site))("the built site's links", () => {
  it("reach a page, and an element of it for an #anchor", () => {
    const files = htmlFiles(site)
    const ids = new Map(files.map((file) => {
      const html = readFileSync(file, "utf8")
      return [file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!)))]
    }))
    const broken: Array<string> = []
    for (const file of files) {
      const html = readFileSync(file, "utf8")
      const from = `/${relative(site, file)}`
      for (const [, href] of html.matchAll(/\shref="([^"]+)"/g)) {
        if (/^(https?:|mailto:|data:|javascript:)/.test(href!) || href!.startsWith("/assets/")) continue
        const [path, anchor] = href!.replace(/&amp;/g, "&").split("#") as [string, string | undefined]
        if (/\.(css|js|svg|png|ico|xml|json|txt)$/.test(path)) continue
        const target = path === "" ? file : pageOf(path.startsWith("/") ? path : posix.join(dirname(from), path))
        if (target === undefined) broken.push(`${from}: ${href} (no such page)`)
        else if (anchor !== undefined && anchor !== "" && !ids.get(target)?.has(decodeURIComponent(anchor))) {
          broken.push(`${from}: ${href} (no #${anchor} on ${relative(site, target)})`)
        }
      }
    }
    expect(files.length).toBeGreaterThan(50)
    expect(broken).toEqual([])
  })

  it("show an error class extending PolyvErrorBase, not the intersection its class factory returns", () => {
    const page = readFileSync(join(site, "reference/api/@polyv-stats/core/classes/InvalidSignature.html"), "utf8")
    const extendsSection = page.split(/id="extends"/)[1]!.split(/<h2/)[0]!
    expect(extendsSection).toContain("PolyvErrorBase")
    expect(extendsSection).not.toMatch(/YieldableError|Readonly|object/)
  })
})
