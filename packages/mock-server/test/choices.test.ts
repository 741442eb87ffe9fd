/**
 * Every failure message the mock can give on an endpoint is either on that endpoint's seed page
 * or stated, with its reason, in the mock README's table of choices (issue 16, point 20: an
 * unknown channel on export and on the session list answered `illegal channel id: <id>`, which
 * neither page shows and the README did not say). Reads the pages and both READMEs themselves.
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { readSeed, seedsDir } from "../../../spec/seedPages.js"
import { PolyvMock } from "../src/index.js"
import { client, now, signed } from "./support.js"

const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8")
const seedsReadme = readFileSync(join(seedsDir, "README.md"), "utf8")

/** The rows of the README's "Choices the seed pages do not dictate": where (first cell), and the row. */
const choices = (() => {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Choices the seed pages do not dictate"))
  if (section === undefined) throw new Error("the mock README has no table of choices")
  return section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| where"))
    .map((row) => ({ where: row.split("|")[1]!.replaceAll("*", "").trim().toLowerCase(), row }))
})()

/** How the table names each endpoint in its first column. */
const tableName: Record<string, string> = {
  exportReport: "export",
  yunduoSummary: "yunduo",
  liveDurations: "durations",
  micHistory: "mic history",
  sessionList: "session list",
}

/** What a page or a row must contain to show a message template: its text up to a `%s`. */
const fixedPart = (template: string) => template.split("%s")[0]!

/** The failures every endpoint can give (signing, limits, parameters, Polyv's own failure). */
const common = new Set(Object.keys(Contract.commonErrorCodes))

describe("the mock's failure messages are Polyv's or stated choices", () => {
  it("the table names every endpoint", () => {
    for (const endpoint of Contract.endpoints) {
      const name = tableName[endpoint.name]
      expect(name, endpoint.name).toBeDefined()
      expect(choices.some((c) => c.where.includes(name!)), name).toBe(true)
    }
  })

  for (const endpoint of Contract.endpoints) {
    it(`${endpoint.name}: every message its page does not show is in the table of choices`, () => {
      const page = readSeed(endpoint.seed)
      const unstated: Array<string> = []
      for (const tag of Object.keys(endpoint.errorCodes) as Array<ApiFailures.ApiFailureTag>) {
        for (const template of ApiFailures.apiFailures[tag].messages) {
          const text = fixedPart(template)
          if (page.includes(text)) continue
          // A failure of every endpoint may be stated once for all: by the seeds' README (Polyv's
          // global messages) or by a row of the table.
          if (common.has(tag) && (seedsReadme.includes(text) || readme.includes(text))) continue
          const row = choices.find((c) => c.where.includes(tableName[endpoint.name]!) && c.row.includes(text))
          if (row === undefined) unstated.push(`${tag}: ${template}`)
        }
      }
      expect(unstated).toEqual([])
    })
  }

  it("and the mock does answer an unknown channel so on export and the session list (code 400)", async () => {
    const mock = new PolyvMock({ seed: "choices", now, clock: () => now })
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    for (const endpoint of [Contract.exportReport, Contract.sessionList]) {
      const answer = await http.get(endpoint.path, signed({ channelId: "9999999", sessionId: "abc" }))
      expect(answer.json).toMatchObject({
        code: endpoint.errorCodes.IllegalChannelId,
        message: ApiFailures.messageOf("IllegalChannelId", "9999999"),
      })
    }
  })
})
