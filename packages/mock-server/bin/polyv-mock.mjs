#!/usr/bin/env node
// A committed entry point, so the bin link exists before the package is built.
import "../dist/bin.js"
