// `pnpm bench`: every measurement of issue 8, each against a baseline measured in this same run,
// printed as a table and written to bench/results.json. Exits 0 whether goals pass or not: it
// measures, it does not gate. Needs built packages (`pnpm build`). See bench/README.md.
import { writeFileSync } from "node:fs"
import { cpus } from "node:os"
import * as client from "./client.mjs"
import * as cliSessions from "./cliSessions.mjs"
import * as cliStart from "./cliStart.mjs"
import { here, round } from "./lib.mjs"
import * as mockStart from "./mockStart.mjs"
import * as socketStream from "./socketStream.mjs"
import * as throughput from "./throughput.mjs"

const only = process.argv.slice(2)
const wanted = (name) => only.length === 0 || only.includes(name)
const started = Date.now()
const rows = []

const section = async (name, f) => {
  if (!wanted(name)) return
  console.error(`${name}…`)
  try {
    rows.push(...(await f()))
  } catch (error) {
    console.error(`  ${name} failed: ${error.stack ?? error}`)
    rows.push({
      id: name,
      measurement: `${name} (failed to run)`,
      ours: "—",
      baseline: "—",
      ratio: NaN,
      goal: "—",
      pass: false,
      error: String(error),
    })
  }
}

if (wanted("throughput") || wanted("client")) {
  const servers = await throughput.bareWithMockBytes({ keepMock: true })
  try {
    await section("throughput", () => throughput.run(servers))
    await section("client", () => client.run(servers))
  } finally {
    await servers.stop()
  }
}
await section("streaming", () => socketStream.run())
await section("cliSessions", () => cliSessions.run())
await section("cli", () => cliStart.run())
await section("mockStart", () => mockStart.run())

const show = (value) => (typeof value === "number" ? String(value) : value)
const table = [["measurement", "ours", "baseline", "unit", "ratio", "goal", "result"]].concat(
  rows.map((
    r,
  ) => [
    r.measurement,
    show(r.ours),
    show(r.baseline),
    r.unit ?? "",
    Number.isNaN(r.ratio) ? "—" : `${round(r.ratio)}×`,
    r.goal,
    r.pass === undefined ? "info" : r.pass ? "PASS" : "FAIL",
  ]),
)
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)))
const line = (row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join("  ").trimEnd()
console.log(line(table[0]))
console.log(widths.map((w) => "-".repeat(w)).join("  "))
for (const row of table.slice(1)) console.log(line(row))
// A row without `pass` is reported, not a goal: it counts neither way.
const goals = rows.filter((r) => r.pass !== undefined)
const passed = goals.filter((r) => r.pass).length
console.log(`\n${passed}/${goals.length} goals met in ${Math.round((Date.now() - started) / 1000)} s`)

writeFileSync(
  here("./results.json"),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      seconds: Math.round((Date.now() - started) / 1000),
      results: rows.map((r) => ({ ...r, ratio: Number.isNaN(r.ratio) ? null : round(r.ratio, 3) })),
    },
    null,
    2,
  ) + "\n",
)
