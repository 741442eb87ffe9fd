// Preloaded (`node --import`) into a process the bench measures from outside: at exit, writes the
// process's own CPU time (user + system) and RSS high-water mark to the file in BENCH_USAGE_OUT.
import { writeFileSync } from "node:fs"

const out = process.env.BENCH_USAGE_OUT
if (out) {
  process.on("exit", () => {
    const usage = process.resourceUsage()
    writeFileSync(
      out,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        maxRss: usage.maxRSS * 1024,
      }),
    )
  })
}
