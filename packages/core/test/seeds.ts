/**
 * The seed pages' JSON examples and example URLs, read from the pages' own text, for the tests.
 */
import { jsonBlocks, readSeed } from "../../../spec/seedPages.js"
import { Contract } from "../src/index.js"

/** One JSON example of a seed page: its raw text (as the page prints it) and its parsed value. */
export interface SeedExample {
  readonly file: string
  readonly text: string
  readonly json: {
    readonly code: number
    readonly status: string
    readonly message?: string
    readonly requestId?: string
    readonly error?: { readonly code: number; readonly desc: string }
    readonly data?: unknown
  }
}

/** The seed files, in order, and the endpoint each one specifies. */
export const seedFiles = Contract.endpoints.map((endpoint) => endpoint.seed)

export const endpointOfSeed = (file: string): Contract.KnownEndpoint => {
  const endpoint = Contract.endpoints.find((e) => e.seed === file)
  if (endpoint === undefined) throw new Error(`no endpoint for seed ${file}`)
  return endpoint
}

/** Every JSON example of a page that parses and has a `code`, with its raw text. */
export const seedExamples = (file: string): Array<SeedExample> =>
  jsonBlocks(readSeed(file)).flatMap((text) => {
    try {
      const json = JSON.parse(text)
      return typeof json === "object" && json !== null && "code" in json ? [{ file, text, json }] : []
    } catch {
      return []
    }
  })

export const seedErrorExamples = (file: string) => seedExamples(file).filter((e) => e.json.status !== "success")

export const seedSuccessExample = (file: string): SeedExample => {
  const found = seedExamples(file).filter((e) => e.json.status === "success")
  if (found.length !== 1) throw new Error(`${file}: expected one success example, found ${found.length}`)
  return found[0]!
}

/** The example request URLs a page shows (`https://api.polyv.net/…?…`). */
export const seedExampleUrls = (file: string): Array<URL> =>
  [...readSeed(file).matchAll(/https?:\/\/api\.polyv\.net\/\S+\?\S+/g)].map((m) => new URL(m[0]))
