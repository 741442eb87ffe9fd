// Polyv's request signature in plain Node, no package: for a test written in any language to copy.
//   node sign.mjs <appSecret> name=value …   prints the query string to send, `sign` appended
import { createHash } from "node:crypto"
import { pathToFileURL } from "node:url"

/**
 * UPPERCASE(hex(MD5(secret + name1value1name2value2… + secret))): every parameter but `sign`, sorted
 * by name, blank ones left out, raw values (not URL-encoded). `signatureMethod=SHA256` picks SHA-256.
 * @param {string} secret
 * @param {Record<string, string | null>} params
 */
export const sign = (secret, params) => {
  const names = Object.keys(params).filter((name) => name !== "sign" && (params[name] ?? "").trim() !== "").toSorted()
  const text = secret + names.map((name) => name + params[name]).join("") + secret
  const digest = params.signatureMethod === "SHA256" ? "sha256" : "md5"
  return createHash(digest).update(text).digest("hex").toUpperCase()
}

/**
 * The command line: `[secret, "name=value", …]` to the query string, blank values not sent.
 * @param {ReadonlyArray<string>} args
 */
export const signedQuery = ([secret = "", ...pairs]) => {
  /** @type {Record<string, string>} */
  const params = {}
  for (const pair of pairs) {
    const at = pair.indexOf("=")
    if (at < 1) throw new Error(`expected name=value, got ${JSON.stringify(pair)}`)
    params[pair.slice(0, at)] = pair.slice(at + 1)
  }
  const sent = Object.entries(params).filter(([, value]) => value.trim() !== "")
  return new URLSearchParams([...sent, ["sign", sign(secret, params)]]).toString()
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(signedQuery(process.argv.slice(2)))
  } catch (error) {
    console.error(`sign.mjs: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 2
  }
}
