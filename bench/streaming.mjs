// (3) Streaming: 10 000 and 100 000 sessions of one channel paged through core from the in-process
// mock, each count in a fresh child process (so RSS is that run's), against raw signed fetches +
// JSON.parse through the same mock (the baseline rate). RSS: peak sampled every 10 ms and the OS's
// high-water mark; the goal is checked on the latter.
import { runChild } from "./lib.mjs"

const mb = (bytes) => Math.round(bytes / 1e6)

export const run = async () => {
  const results = {}
  // Alternate core and raw, small count first.
  for (const count of [10_000, 100_000]) {
    for (const mode of ["core", "raw"]) {
      results[`${mode}${count}`] = await runChild("./children/stream.mjs", [String(count), mode])
      console.error(`  stream ${mode} ${count}: ${JSON.stringify(results[`${mode}${count}`])}`)
    }
  }
  const core = results.core100000
  const raw = results.raw100000
  const small = results.core10000
  const growth = core.maxRss / small.maxRss
  return [
    {
      id: "streaming.rate",
      measurement: "stream 100 000 sessions via core, sessions/s",
      ours: Math.round(core.perSecond),
      baseline: Math.round(raw.perSecond),
      unit: "sessions/s",
      ratio: core.perSecond / raw.perSecond,
      goal: "≥ 20 000/s",
      pass: core.perSecond >= 20_000,
      detail: results,
    },
    {
      id: "streaming.rss",
      measurement: "stream peak RSS, 100 000 vs 10 000 sessions",
      ours: mb(core.maxRss),
      baseline: mb(small.maxRss),
      unit: "MB",
      ratio: growth,
      goal: "< 150 MB, ≤ 1.10× 10 000",
      pass: core.maxRss < 150e6 && growth <= 1.1,
      detail: {
        sampledPeak100000: mb(core.rssPeak),
        sampledPeak10000: mb(small.rssPeak),
        rssAfterImports: mb(core.rssAtStart),
      },
    },
  ]
}
