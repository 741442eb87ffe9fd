// Opens the built site (dist/, from `vitepress build`) in headless Chromium and checks that the
// home page, an endpoint page and the CLI reference render with no console errors, taking a
// screenshot of each into test-results/. Needs Debian's chromium (`.ci/run` installs it); on a
// machine without it the test is skipped, saying so.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, resolve } from "node:path"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const chromiumPath = "/usr/bin/chromium"
const hasChromium = existsSync(chromiumPath)
const docs = resolve(import.meta.dirname, "..")
const site = join(docs, "dist")
const results = join(docs, "test-results")

if (!hasChromium) {
  console.warn(
    `site.test.ts: SKIPPED — no Chromium at ${chromiumPath}. Install Debian's chromium ` +
      "(apt-get install -y chromium; .ci/run does) to check the built site in a browser.",
  )
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".png": "image/png",
}

/** A static server for dist/, resolving `/x` to `x.html` and `/x/` to `x/index.html` as a host would. */
const serve = async (): Promise<{ url: string; server: Server }> => {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://site").pathname)
    let file = normalize(join(site, path))
    if (!file.startsWith(site)) return void res.writeHead(403).end()
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html")
    else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`
    if (!existsSync(file)) return void res.writeHead(404).end("not found")
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file))
  })
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

describe.skipIf(!hasChromium)("the built site in Chromium", () => {
  let browser: Browser
  let server: Server
  let base: string

  beforeAll(async () => {
    expect(existsSync(join(site, "index.html")), "dist/index.html: build the site first (pnpm run build)").toBe(true)
    mkdirSync(results, { recursive: true })
    ;({ url: base, server } = await serve())
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      // playwright gives the browser a fresh, temporary profile (--user-data-dir) of its own.
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((ok) => server?.close(ok))
  })

  const pages = [
    { name: "home", path: "/", expected: "Polyv's live statistics, typed and testable" },
    { name: "endpoint-session-list", path: "/endpoints/session-list.html", expected: "Session list" },
    { name: "cli-reference", path: "/reference/cli.html", expected: "CLI reference" },
    { name: "getting-started", path: "/guide/getting-started.html", expected: "Getting started" },
    { name: "api-core", path: "/reference/api/@polyv-stats/core/", expected: "@polyv-stats/core" },
  ]

  it("search finds a class first by its name (not the contract's pages that mention it)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${base}/`, { waitUntil: "networkidle" })
    await page.keyboard.press("Control+k")
    await page.locator("#localsearch-input").fill("InvalidSignature")
    const first = page.locator(".result").first()
    await first.waitFor()
    await expect(first.textContent()).resolves.toMatch(/^#?\s*Class: InvalidSignature\s*$/)
    await page.close()
  }, 60_000)

  for (const { name, path, expected } of pages) {
    it(`${path} renders with no console errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const errors: Array<string> = []
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text())
      })
      page.on("pageerror", (error) => errors.push(error.message))
      page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`))
      page.on("response", (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`)
      })
      const response = await page.goto(base + path, { waitUntil: "networkidle" })
      expect(response?.status()).toBe(200)
      await expect(page.locator("h1").first().textContent()).resolves.toContain(expected)
      if (name === "endpoint-session-list") {
        // The generated error table and the twoslash-rendered example made it into the page.
        await expect(page.locator("td code", { hasText: "InvalidSignature" }).count()).resolves.toBeGreaterThan(0)
        await expect(page.locator(".twoslash").count()).resolves.toBeGreaterThan(0)
        // The generated parameter and data tables too (the session item's fields are the second level).
        await expect(page.locator("td code", { hasText: "pageSize" }).count()).resolves.toBe(2)
        await expect(page.locator("td code", { hasText: "customId" }).count()).resolves.toBe(1)
        await page.locator("h2", { hasText: "What it returns" }).evaluate((h2) => h2.scrollIntoView({ block: "start" }))
        await page.screenshot({ path: join(results, `${name}-tables.png`), fullPage: false })
        await page.evaluate(() => window.scrollTo(0, 0))
      }
      if (name === "api-core") {
        // The API reference is a page per class, function and namespace, not one page of everything:
        // the index is a short list of links.
        await expect(page.evaluate(() => document.documentElement.scrollHeight)).resolves.toBeLessThan(8000)
        await expect(page.locator("a[href$='classes/InvalidSignature.html']").count()).resolves.toBeGreaterThan(0)
      }
      if (name === "cli-reference") {
        await expect(page.locator("h2", { hasText: "polyv-stats sessions" }).count()).resolves.toBe(1)
      }
      // At 1280 px no code block scrolls sideways (its long lines wrap), and the header links the repository.
      const scrolling = await page.locator("div[class*='language-'] pre").evaluateAll((blocks) =>
        blocks.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent!.slice(0, 60))
      )
      expect(scrolling).toEqual([])
      await expect(page.locator("a[href='https://github.com/polyv-stats/polyv-stats']").count()).resolves
        .toBeGreaterThan(0)
      await page.screenshot({ path: join(results, `${name}.png`), fullPage: false })
      await page.close()
      expect(errors).toEqual([])
    }, 60_000)
  }
})
