/**
 * Cuts the app secret out of request text the mock keeps or echoes: the journal's paths, parameter
 * names and values and messages, and every error message that quotes what a client sent (an
 * unknown path, method, header value or channel ID). The mock never puts the secret in a request
 * itself; a client may, by mistake, anywhere.
 *
 * A path keeps its percent-encoding, so the secret's encoded forms are cut out too.
 *
 * @example
 * ```ts
 * import { SecretRedactor } from "@polyv-stats/mock-server"
 *
 * const redactor = new SecretRedactor("s3cret")
 * redactor.text("/live/s3cret?x=1") // "/live/<redacted>?x=1"
 * ```
 * @module
 */

/** What stands where the secret was. */
export const redacted = "<redacted>"

export class SecretRedactor {
  private readonly forms: ReadonlyArray<string>

  constructor(secret: string) {
    this.forms = secret === "" ? [] : [...new Set([secret, encodeURIComponent(secret), encodeURI(secret)])]
  }

  /** `text` with every occurrence of the secret (or its percent-encoded forms) replaced by `<redacted>`. */
  readonly text = (text: string): string => {
    let out = text
    for (const form of this.forms) if (out.includes(form)) out = out.replaceAll(form, redacted)
    return out
  }
}
