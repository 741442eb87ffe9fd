#!/usr/bin/env node
// A committed entry point, so the bin link exists before the package is built. It runs the bundle
// (`dist/polyv-mock.mjs`, one module: see rolldown.config.mjs).
import "../dist/polyv-mock.mjs"
