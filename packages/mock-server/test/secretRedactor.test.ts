/**
 * The secret is cut out however a client percent-encoded it: any mix of escaped and unescaped
 * characters, either hex case, `+` for a space. A property over random secrets and random
 * per-character encodings, then the case that was found: a fully escaped secret in a path, echoed
 * by the 404 message and kept in the journal, on a real socket.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyRuns } from "../../../propertyRuns.js"
import { demoCredentials, SecretRedactor, startServer } from "../src/index.js"
import { httpCall } from "./sockets.js"

/** Characters a secret is made of here: ASCII that encoders leave or escape, a space, `%`, `+`, and non-ASCII. */
const secretCharacter = fc.constantFrom(
  ..."abcxyzABCXYZ0189-_.~!*'() %+",
  "é",
  "秘",
  "😀",
)

/** Characters of the text around it: none of them is in a secret, so the cut must be exactly the secret. */
const otherCharacter = fc.constantFrom(..."/?=&#[]{}|^`<>;:@$,\"")

const hex = (byte: number, upper: boolean) => {
  const text = byte.toString(16).padStart(2, "0")
  return `%${upper ? text.toUpperCase() : text}`
}

/**
 * One character written one of the ways a client may: as it is, escaped (each byte in either hex
 * case), or `+` for a space. A `%` is always escaped: left as it is, it would start an escape.
 */
const encoded = (char: string) =>
  fc.record({ escape: fc.boolean(), plus: fc.boolean(), upper: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) })
    .map(({ escape, plus, upper }) => {
      if (char === " " && plus) return "+"
      if (!escape && char !== "%") return char
      return [...Buffer.from(char, "utf8")].map((byte, i) => hex(byte, upper[i]!)).join("")
    })

const encodedSecret = (secret: ReadonlyArray<string>) => fc.tuple(...secret.map(encoded)).map((parts) => parts.join(""))

describe("SecretRedactor", () => {
  it("cuts the secret out whatever mix of forms it was written in, and nothing around it", () => {
    fc.assert(
      fc.property(
        fc.array(secretCharacter, { minLength: 1, maxLength: 24 }).chain((secret) =>
          fc.record({
            secret: fc.constant(secret),
            first: encodedSecret(secret),
            second: encodedSecret(secret),
            before: fc.string({ unit: otherCharacter, maxLength: 8 }),
            between: fc.string({ unit: otherCharacter, maxLength: 8 }),
            after: fc.string({ unit: otherCharacter, maxLength: 8 }),
          })
        ),
        ({ secret, first, second, before, between, after }) => {
          const redactor = new SecretRedactor(secret.join(""))
          expect(redactor.text(`${before}${first}${between}${second}${after}`)).toBe(
            `${before}<redacted>${between}<redacted>${after}`,
          )
        },
      ),
      propertyRuns(500),
    )
  })

  it("leaves text that does not decode to the secret as it is", () => {
    const redactor = new SecretRedactor("s3cret-key")
    for (
      const text of [
        "/live/v3/channel",
        "%",
        "%g1 %E7 %%73 s3cret_key",
        "S3CRET-KEY",
        "s3cret%2Bkey",
        "s3cret-ke",
        "%73%33cret-ke%",
      ]
    ) {
      expect(redactor.text(text), text).toBe(text)
    }
  })
})

describe("a secret escaped in a path, on a socket", () => {
  it("is cut out of the 404 message and of the journal's path", async () => {
    const running = await startServer({ seed: "redaction" })
    try {
      const secret = demoCredentials.appSecret
      const everyByte = [...Buffer.from(secret)].map((byte) => `%${byte.toString(16)}`).join("")
      const dashes = secret.replaceAll("-", "%2D")
      for (const path of [`/live/v3/${everyByte}`, `/live/v3/x/${dashes}/y`]) {
        const answer = await httpCall(running.url, path)
        expect(answer.status).toBe(404)
        expect(JSON.parse(answer.text).message).toContain("no Polyv endpoint at /live/v3/")
        expect(answer.text).toContain("<redacted>")
        expect(answer.text).not.toContain(path.slice(9))
      }
      const journal = running.mock.journal.entries().map((entry) => entry.path)
      expect(journal).toEqual(["/live/v3/<redacted>", "/live/v3/x/<redacted>/y"])
    } finally {
      await running.close()
    }
  })
})
