/**
 * Reads the Polyv pages in `spec/seeds/` — the specification — for tests. The JSON examples are
 * taken from the pages' own text, so tests compare against Polyv's words, not against our code.
 */
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const seedsDir = join(dirname(fileURLToPath(import.meta.url)), "seeds")

export const readSeed = (file: string): string => readFileSync(join(seedsDir, file), "utf8")

/** Every top-level `{…}` block of a page, as raw text, in order. */
export const jsonBlocks = (page: string): Array<string> => {
  const blocks: Array<string> = []
  let depth = 0
  let start = -1
  for (let i = 0; i < page.length; i++) {
    const c = page[i]
    if (c === "{") {
      if (depth === 0) start = i
      depth++
    } else if (c === "}" && depth > 0) {
      depth--
      if (depth === 0) blocks.push(page.slice(start, i + 1))
    }
  }
  return blocks
}

/** The page's JSON examples that parse (page 001's success example does not). */
export const jsonExamples = (file: string): Array<Record<string, unknown>> =>
  jsonBlocks(readSeed(file)).flatMap((block) => {
    try {
      const value = JSON.parse(block)
      return typeof value === "object" && value !== null && "code" in value ? [value as Record<string, unknown>] : []
    } catch {
      return []
    }
  })

export interface SignVector {
  readonly case: string
  readonly method: "MD5" | "SHA256"
  readonly params: Record<string, string | null>
  readonly sign: string
}

export const signVectors = (): { appSecret: string; vectors: Array<SignVector> } =>
  JSON.parse(readSeed("sign-vectors.json"))
