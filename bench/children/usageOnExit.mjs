// Preloaded (`node --import`) into a process the bench measures from outside: at exit, writes the
// process's own CPU time (user + system) and RSS high-water mark to the file in BENCH_USAGE_OUT.
import { writeFileSync } from "node:fs"
import { usageNow } from "../light.mjs"

const out = process.env.BENCH_USAGE_OUT
if (out) process.on("exit", () => writeFileSync(out, JSON.stringify(usageNow())))
