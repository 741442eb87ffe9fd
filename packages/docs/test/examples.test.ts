// Every example in examples/ runs here, against the mock, and prints exactly what its
// `// Output:` comment says.
//
// An example is the code a user would write. It exports `main`: an Effect that needs nothing (the
// client reads POLYV_APP_ID, POLYV_APP_SECRET and POLYV_BASE_URL through `PolyvClient.layerConfigNode`)
// or an async function (the Promise client, reading `process.env`); and it runs `main` itself when it
// is the script node was started with (`NodeRuntime.runMain(main)`, or `await main()`), so that a
// copied example prints what it shows. The test points those variables
// at a mock served on a local port — seed "docs", its world generated at a fixed instant so the data
// never changes, its clock the real one so the client's timestamps pass — then runs `main` and
// compares what it printed with the comment. Examples about testing start their own mock.
//
// `UPDATE_EXAMPLES=1 vitest run` rewrites the `// Output:` comments from what the examples print.
import { demoCredentials, withMock } from "@polyv-stats/mock-server"
import { Effect } from "effect"
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { format } from "node:util"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { docsMock } from "./docsMock.mjs"

// Effect's runner, watched: an example run as a script hands it its `main`.
const runMain = vi.hoisted(() => vi.fn())
vi.mock("@effect/platform-node/NodeRuntime", () => ({ runMain }))

const examplesDir = resolve(import.meta.dirname, "..", "examples")
const examples = readdirSync(examplesDir).filter((name) => name.endsWith(".ts")).toSorted()
const marker = "// Output:"

const expectedOutput = (source: string): Array<string> | undefined => {
  const at = source.lastIndexOf(marker)
  if (at < 0) return undefined
  return source.slice(at + marker.length).split("\n").slice(1)
    .filter((line) => line.startsWith("//"))
    .map((line) => line.replace(/^\/\/ ?/, ""))
}

/** What `main` of an example prints, captured from console.log. */
const printedBy = async (run: () => Promise<unknown>): Promise<Array<string>> => {
  const printed: Array<string> = []
  const log = vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
    printed.push(...format(...args).split("\n"))
  })
  try {
    await run()
  } finally {
    log.mockRestore()
  }
  return printed
}

const withOutput = (source: string, lines: ReadonlyArray<string>) =>
  source.slice(0, source.lastIndexOf(marker) + marker.length) + "\n" +
  lines.map((line) => (line === "" ? "//" : `// ${line}`)).join("\n") + "\n"

type Main = Effect.Effect<unknown, unknown, never> | (() => Promise<unknown>)

const mock = withMock({ ...docsMock, timestampClock: Date.now })
const saved = { ...process.env }

beforeAll(async () => {
  await mock.start()
  process.env.POLYV_APP_ID = demoCredentials.appId
  process.env.POLYV_APP_SECRET = demoCredentials.appSecret
  process.env.POLYV_BASE_URL = mock.url
})
afterAll(async () => {
  process.env = saved
  await mock.stop()
})

describe("examples", () => {
  it("there are examples, each with its expected output", () => {
    expect(examples.length).toBeGreaterThan(0)
    for (const name of examples) {
      expect(expectedOutput(readFileSync(join(examplesDir, name), "utf8")), `${name} has no "${marker}" comment`)
        .toBeDefined()
    }
  })

  for (const name of examples) {
    it(name, async () => {
      const path = join(examplesDir, name)
      const source = readFileSync(path, "utf8")
      const printed = await printedBy(async () => {
        const { main } = (await import(pathToFileURL(path).href)) as { main: Main }
        await (Effect.isEffect(main) ? Effect.runPromise(main) : main())
      })
      if (process.env.UPDATE_EXAMPLES) writeFileSync(path, withOutput(source, printed))
      else expect(printed).toEqual(expectedOutput(source))
    })
  }

  it("each example, run as a script, runs its main: an Effect by NodeRuntime.runMain, a function at once", async () => {
    const script = process.argv[1]
    try {
      for (const name of examples) {
        const path = join(examplesDir, name)
        process.argv[1] = path
        runMain.mockClear()
        vi.resetModules() // evaluated afresh, now as the script
        let module: { main: Main } | undefined
        const printed = await printedBy(async () => {
          module = (await import(pathToFileURL(path).href)) as { main: Main }
        })
        if (Effect.isEffect(module!.main)) expect(runMain, name).toHaveBeenCalledExactlyOnceWith(module!.main)
        else expect(printed, name).toEqual(expectedOutput(readFileSync(path, "utf8")))
      }
    } finally {
      process.argv[1] = script
      vi.resetModules()
    }
  })
})
