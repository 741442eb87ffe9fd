#!/usr/bin/env node
// A committed entry point, so installs can link the bin before the bundle is built.
import "../dist/polyv-stats.mjs"
