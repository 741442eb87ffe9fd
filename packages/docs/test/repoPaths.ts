// The repository paths a page names in code spans, and the files each stands for: the docs pages
// that map the code (the guide "Adding an endpoint", ARCHITECTURE.md) are kept true by checking them.
import { Contract } from "@polyv-stats/core"
import { dirname, resolve } from "node:path"

/** The repository's root folder. */
export const repo = resolve(import.meta.dirname, "..", "..", "..")

/** Every code span of `text` that is a path in the repository (they start at its top folders). */
export const namedPaths = (text: string): ReadonlyArray<string> => [
  ...new Set([...text.matchAll(/`((?:packages|spec|scripts|bench)\/[^`\s]+)`/g)].map((m) => m[1]!)),
]

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/**
 * The files a path stands for: itself; one per endpoint of the contract for `<name>` (its camelCase
 * name) or `<slug>` (kebab-case); for any other placeholder, its folder.
 */
export const expandPath = (path: string): ReadonlyArray<string> =>
  /<(?!name>|slug>)/.test(path)
    ? [dirname(path.slice(0, path.indexOf("<")) + "x")]
    : path.includes("<")
    ? Contract.endpoints.map((e) => path.replaceAll("<name>", e.name).replaceAll("<slug>", kebab(e.name)))
    : [path]
