// (3) Streaming over a socket, at scale: every session of a 1 000 000-session channel served by the
// mock in a child process (`children/millionMock.mjs`, rate limit lifted), read in a fresh process
// each time (`children/socketStream.mjs`) through core's `polyv.sessions` on `PolyvClient.layerNode`
// (pacing off), against raw `node:http` + `JSON.parse` paging the same windows and pages
// (`children/rawPages.mjs`). Both at `Contract.bulkPageSize` (what `sessions --all` asks). Alternated,
// twice. Peak RSS is the OS's high-water mark at 100 000 sessions and at the end of the same run.
import { baselineEnv, bestOf, checkPlainRequest, Contract, mb, runChild, startChild } from "./lib.mjs"

const checkpoint = 100_000

export const run = async () => {
  const mock = await startChild("./children/millionMock.mjs")
  try {
    const { url, channelId, oldest, sessions } = mock.ready
    const to = Date.now()
    // The raw side signs with plainRequest.mjs: checked equal to core's first.
    await checkPlainRequest()
    /** One read of every session by `mode` in a fresh process; `lateCheckpoint` with `--expose-gc`. */
    const read = (mode, lateCheckpoint) =>
      runChild(
        "./children/socketStream.mjs",
        [url, channelId, String(oldest), String(to), mode, String(checkpoint), String(Contract.bulkPageSize)]
          .concat(lateCheckpoint === undefined ? [] : [String(lateCheckpoint)]),
        lateCheckpoint === undefined ? [] : ["--expose-gc"],
        baselineEnv,
      )
    const runs = { core: [], raw: [] }
    for (let round = 0; round < 2; round++) {
      for (const mode of round === 0 ? ["raw", "core"] : ["core", "raw"]) {
        const result = await read(mode)
        if (result.sessions !== sessions) throw new Error(`${mode} streamed ${result.sessions} of ${sessions} sessions`)
        runs[mode].push(result)
        console.error(`  stream ${mode}: ${JSON.stringify(result)}`)
      }
    }
    // One more run of each with --expose-gc: the heap a full GC leaves at 100 000 sessions and at
    // 100 000 before the last, both while the stream still runs (after it, its scope has released
    // whatever it held, and the row would pass by construction).
    const lateCheckpoint = sessions - checkpoint
    const retention = {}
    for (const mode of ["core", "raw"]) {
      const result = await read(mode, lateCheckpoint)
      if (result.sessions !== sessions || result.retainedAtLateCheckpoint === undefined) {
        throw new Error(`${mode} retention run streamed ${result.sessions} of ${sessions} sessions`)
      }
      retention[mode] = result
    }
    const best = (list) => bestOf(list, (a, b) => a.perSecond > b.perSecond)
    const core = best(runs.core)
    const raw = best(runs.raw)
    // RSS: the worse of core's two runs, so that the goal holds for both.
    const peak = bestOf(runs.core, (a, b) => a.maxRss > b.maxRss)
    const growth = peak.maxRss / peak.rssAtCheckpoint
    const count = sessions.toLocaleString("en")
    return [
      {
        id: "stream.socket.rate",
        measurement: `stream ${count} sessions over a socket via core, sessions/s`,
        ours: Math.round(core.perSecond),
        baseline: Math.round(raw.perSecond),
        unit: "sessions/s",
        ratio: core.perSecond / raw.perSecond,
        goal: "≥ 50 000/s",
        pass: core.perSecond >= 50_000,
        detail: { cpuMs: { core: Math.round(core.cpuMs), raw: Math.round(raw.cpuMs) }, runs },
      },
      {
        id: "stream.socket.rss",
        measurement: `stream peak RSS at ${count} vs at ${checkpoint.toLocaleString("en")} sessions (same run)`,
        ours: mb(peak.maxRss),
        baseline: mb(peak.rssAtCheckpoint),
        unit: "MB",
        ratio: growth,
        goal: "< 200 MB, ≤ 1.10× (flat)",
        pass: runs.core.every((r) => r.maxRss < 200e6 && r.maxRss / r.rssAtCheckpoint <= 1.1),
        detail: {
          rawPeakMb: runs.raw.map((r) => ({ atCheckpoint: mb(r.rssAtCheckpoint), atEnd: mb(r.maxRss) })),
          corePeakMb: runs.core.map((r) => ({ atCheckpoint: mb(r.rssAtCheckpoint), atEnd: mb(r.maxRss) })),
          rssAfterImportsMb: mb(peak.rssAtStart),
          rawGrowth: runs.raw.map((r) => Math.round((r.maxRss / r.rssAtCheckpoint) * 100) / 100),
        },
      },
      {
        id: "stream.socket.retained",
        measurement: `stream heap + external left by a full GC at ${lateCheckpoint.toLocaleString("en")} vs at ${
          checkpoint.toLocaleString("en")
        } sessions, mid-stream (raw: ${mb(retention.raw.retainedAtLateCheckpoint)} vs ${
          mb(retention.raw.retainedAtCheckpoint)
        })`,
        ours: mb(retention.core.retainedAtLateCheckpoint),
        baseline: mb(retention.core.retainedAtCheckpoint),
        unit: "MB",
        ratio: retention.core.retainedAtLateCheckpoint / retention.core.retainedAtCheckpoint,
        goal: "≤ 1.10× (nothing kept per session)",
        pass: retention.core.retainedAtLateCheckpoint / retention.core.retainedAtCheckpoint <= 1.1,
        detail: { core: retention.core, raw: retention.raw },
      },
    ]
  } finally {
    await mock.stop()
  }
}
