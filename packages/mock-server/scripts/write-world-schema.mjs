// Writes world.schema.json — the JSON Schema of a world file, generated from the same Effect schema
// the mock checks files with (src/world/WorldFile.ts, its stubs from src/stubs/) — next to package.json, from the freshly
// built dist. Run by `build`; committed and shipped so editors can point a world file's `$schema`
// at it, and a test fails if it drifts from the schema.
import { writeFileSync } from "node:fs"
import { worldJsonSchema } from "../dist/index.js"

const target = new URL("../world.schema.json", import.meta.url)
writeFileSync(target, `${JSON.stringify(worldJsonSchema(), null, 2)}\n`)
