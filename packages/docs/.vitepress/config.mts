import { transformerTwoslash } from "@shikijs/vitepress-twoslash"
import ts from "typescript"
import { defineConfig } from "vitepress"

const endpoints = [
  ["Session list", "session-list"],
  ["Live durations", "live-durations"],
  ["Peak concurrent viewers", "yunduo-summary"],
  ["Co-host minutes", "mic-history"],
  ["Session report export", "export-report"],
] as const

export default defineConfig({
  title: "polyv-stats",
  description: "A TypeScript toolkit for Polyv's live-statistics APIs, and an offline Polyv to test against.",
  outDir: "dist",
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  cleanUrls: false,
  lastUpdated: false,
  // Partials included by pages, and what is not a page at all.
  srcExclude: ["**/generated/**", "README.md", "examples/**", "test/**", "test-results/**"],
  markdown: {
    // Examples are included whole (`<<< ../examples/x.ts{ts twoslash}`) and typechecked here: a type
    // error in an example fails the build.
    codeTransformers: [
      transformerTwoslash({
        throws: true,
        // Types on hover, without each symbol's JSDoc: Effect's JSDoc (with its code examples) in
        // every popup more than doubled the build time.
        jsdoc: false,
        twoslashOptions: {
          compilerOptions: {
            strict: true,
            target: ts.ScriptTarget.ES2022,
            lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
            module: ts.ModuleKind.ESNext,
            moduleResolution: ts.ModuleResolutionKind.Bundler,
            types: ["node"],
          },
        },
      }),
    ],
    languages: ["ts", "js", "sh", "json", "text"],
  },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "Endpoints", link: "/endpoints/session-list" },
      { text: "CLI", link: "/reference/cli" },
      { text: "API", link: "/reference/api/" },
    ],
    sidebar: [
      {
        text: "Guide",
        items: [
          { text: "Getting started", link: "/guide/getting-started" },
          { text: "Retries and timeouts", link: "/guide/retries-and-timeouts" },
          { text: "Pagination and 60-day windows", link: "/guide/pagination" },
          { text: "The report waiter", link: "/guide/report-waiter" },
          { text: "Batching and pacing", link: "/guide/batching-and-pacing" },
          { text: "Contract testing", link: "/guide/testing" },
          { text: "Is the mock still Polyv?", link: "/guide/is-the-mock-still-polyv" },
          { text: "Adding an endpoint", link: "/guide/adding-an-endpoint" },
        ],
      },
      { text: "Endpoints", items: endpoints.map(([text, slug]) => ({ text, link: `/endpoints/${slug}` })) },
      {
        text: "Reference",
        items: [
          { text: "CLI", link: "/reference/cli" },
          { text: "API: @polyv-stats/core", link: "/reference/api/@polyv-stats/core/" },
          { text: "API: @polyv-stats/mock-server", link: "/reference/api/@polyv-stats/mock-server/" },
        ],
      },
    ],
    socialLinks: [{ icon: "github", link: "https://github.com/polyv-stats/polyv-stats" }],
    search: {
      provider: "local",
      options: {
        // The contract's generated type pages (EndpointsByName, the per-endpoint error-code maps)
        // name every error class in their headings: indexed, six of them came before the class
        // itself when searching "InvalidSignature". They stay reachable from the reference.
        _render: (src, env, md) => env.relativePath.includes("/namespaces/Contract/") ? "" : md.render(src, env),
      },
    },
    outline: [2, 3],
  },
})
