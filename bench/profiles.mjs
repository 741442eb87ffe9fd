// Shared by the profiling tools (profile-top, heap-promoted, client-alloc): how a profile names a
// function, and V8's sampling heap profiler around a piece of work. No imports of our packages, so
// profile-top stays a plain reader of files.
import { Session } from "node:inspector/promises"

const repoRoot = new URL("../", import.meta.url).href

/** `function  file:line`, the file relative to the repository or to its package in node_modules. */
export const frameName = ({ functionName, url, lineNumber }) => {
  const file = url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
  return `${functionName || "(anonymous)"}  ${file.startsWith(repoRoot) ? file.slice(repoRoot.length) : file}:${
    lineNumber + 1
  }`
}

/**
 * Runs `work` under the sampling heap profiler and returns the profile. By default it keeps only
 * what is alive at the end; `keep` adds what young-generation (minor) or full (major) GCs freed.
 */
export const sampleHeap = async (work, { interval = 4096, keep = { minor: false, major: false } } = {}) => {
  const session = new Session()
  session.connect()
  await session.post("HeapProfiler.enable")
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: keep.major,
    includeObjectsCollectedByMinorGC: keep.minor,
  })
  await work()
  const { profile } = await session.post("HeapProfiler.stopSampling")
  session.disconnect()
  return profile
}

/** Bytes sampled per allocating function, largest first, and their total. */
export const bytesBySite = (profile) => {
  const bySite = new Map()
  const walk = (node) => {
    if (node.selfSize > 0) {
      const site = frameName(node.callFrame)
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize)
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(profile.head)
  const total = [...bySite.values()].reduce((a, b) => a + b, 0)
  return { total, sites: [...bySite].toSorted((a, b) => b[1] - a[1]) }
}
