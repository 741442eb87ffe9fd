#!/usr/bin/env node
// A committed entry point, so the bin link exists before the package is built. It runs the bundle
// (`dist/polyv-mock.mjs`, one module: see rolldown.config.mjs), after turning on Node's own compile
// cache where Node has one (≥ 22.1; see the CLI's bin/polyv-stats.mjs for why and where).
import module from "node:module"

module.enableCompileCache?.()
await import("../dist/polyv-mock.mjs")
