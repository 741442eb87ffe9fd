// Writes openapi.json — the OpenAPI 3.1 document derived from core's contract — next to
// package.json, from the freshly built dist. Run by `build`; the output is committed so people
// can read it without building, and a test fails if it drifts from the contract.
import { writeFileSync } from "node:fs"
import { OpenApi } from "../dist/index.js"

const target = new URL("../openapi.json", import.meta.url)
writeFileSync(target, `${JSON.stringify(OpenApi.document(), null, 2)}\n`)
