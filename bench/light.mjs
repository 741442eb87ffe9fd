// Helpers the baselines may load: `node:` modules only, nothing of ours nor Effect (a baseline that
// imports the library it is compared with pays its start-up, and flatters the library). `lib.mjs`
// is the heavier module of the rows themselves.
import { get as httpGet } from "node:http"

/** The OS's RSS high-water mark of this process, in bytes. */
export const maxRss = () => process.resourceUsage().maxRSS * 1024

/** This process's CPU time so far (user + system, and each) in ms, and its RSS high-water mark. */
export const usageNow = () => {
  const usage = process.resourceUsage()
  return {
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    userMs: usage.userCPUTime / 1000,
    systemMs: usage.systemCPUTime / 1000,
    maxRss: usage.maxRSS * 1024,
  }
}

/**
 * A GET of `options` (node:http's: `agent`, keep-alive, so each caller reuses its connection, and
 * `hostname`, `port`, `path`, worked out by the caller, once where it can), its body as text; a
 * status other than 200 fails.
 */
export const getText = (options) =>
  new Promise((resolve, reject) => {
    httpGet(options, (res) => {
      const chunks = []
      res.on("data", (chunk) => chunks.push(chunk))
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        if (res.statusCode === 200) resolve(text)
        else reject(new Error(`HTTP ${res.statusCode} for ${options.path.split("?")[0]}: ${text.slice(0, 200)}`))
      })
      res.on("error", reject)
    }).on("error", reject)
  })

/** A parsed Polyv answer's `data`; anything but a success envelope with data fails. */
export const successData = (text) => {
  const json = JSON.parse(text)
  if (json?.code !== 200) throw new Error(`not a success: ${json?.code} ${json?.message ?? ""}`)
  if (json.data === null || json.data === undefined) throw new Error("a success without data")
  return json.data
}
