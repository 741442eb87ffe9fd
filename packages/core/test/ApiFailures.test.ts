import { describe, expect, it } from "@effect/vitest"
import { ApiFailures } from "../src/index.js"

/**
 * The failure messages, written out by hand from the seeds README ("Error messages (exact
 * strings)") and the seed pages, with the tag and `%s` value each must classify to.
 */
const messageTable: ReadonlyArray<{ message: string; tag: ApiFailures.ApiFailureTag; value: string }> = [
  { message: "appId is required.", tag: "AppIdRequired", value: "" },
  { message: "application not found.", tag: "ApplicationNotFound", value: "" },
  { message: "invalid timestamp.", tag: "InvalidTimestamp", value: "" },
  { message: "invalid signature.", tag: "InvalidSignature", value: "" },
  { message: "illegal channel id: 10001", tag: "IllegalChannelId", value: "10001" },
  { message: "illegal channel id: 2272655", tag: "IllegalChannelId", value: "2272655" },
  { message: "param validate error", tag: "ParamValidateError", value: "" },
  { message: "Report is not ready yet, please try again later.", tag: "ReportNotReady", value: "" },
  { message: "qps exceeds number of calls", tag: "RateLimited", value: "" },
  // The `param should not be empty: %s` family, one per required parameter of the five pages.
  { message: "param should not be empty: channelId", tag: "ParamValidateError", value: "channelId" },
  { message: "param should not be empty: sessionId", tag: "ParamValidateError", value: "sessionId" },
  { message: "param should not be empty: channelIds", tag: "ParamValidateError", value: "channelIds" },
  { message: "param should not be empty: users", tag: "ParamValidateError", value: "users" },
  { message: "param should not be empty: start", tag: "ParamValidateError", value: "start" },
  { message: "param should not be empty: end", tag: "ParamValidateError", value: "end" },
  // Other members of Polyv's `param xxx: %s` family.
  { message: "param format error: startDate", tag: "ParamValidateError", value: "startDate" },
  { message: "param is invalid: pageSize", tag: "ParamValidateError", value: "pageSize" },
  { message: "param type mismatch: page", tag: "ParamValidateError", value: "page" },
]

describe("ApiFailures message templates", () => {
  it("holds exactly the README's canonical messages", () => {
    const canonical = Object.values(ApiFailures.apiFailures).map((f) => f.messages[0])
    expect(canonical).toEqual(expect.arrayContaining([
      "appId is required.",
      "application not found.",
      "invalid timestamp.",
      "invalid signature.",
      "illegal channel id: %s",
      "param validate error",
      "Report is not ready yet, please try again later.",
      "qps exceeds number of calls",
    ]))
    expect(ApiFailures.apiFailures.ParamValidateError.messages).toContain("param should not be empty: %s")
  })

  it("keeps Polyv's only documented v4 error.code: 20001 is application not found", () => {
    expect(ApiFailures.apiFailures.ApplicationNotFound.v4Code).toBe(20001)
    expect(ApiFailures.classifyV4Code(20001)).toBe("ApplicationNotFound")
  })

  it("gives every failure its own v4 error.code", () => {
    const codes = Object.values(ApiFailures.apiFailures).map((f) => f.v4Code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const [tag, failure] of Object.entries(ApiFailures.apiFailures)) {
      expect(ApiFailures.classifyV4Code(failure.v4Code)).toBe(tag)
    }
    expect(ApiFailures.classifyV4Code(12345)).toBeUndefined()
  })

  it("renders templates", () => {
    expect(ApiFailures.render("illegal channel id: %s", "5")).toBe("illegal channel id: 5")
    expect(ApiFailures.messageOf("IllegalChannelId", "10001")).toBe("illegal channel id: 10001")
    expect(ApiFailures.messageOf("InvalidSignature")).toBe("invalid signature.")
    expect(ApiFailures.missingParamMessage("channelId")).toBe("param should not be empty: channelId")
  })

  it("matches templates exactly, extracting the %s value", () => {
    expect(ApiFailures.matchTemplate("illegal channel id: %s", "illegal channel id: 42")).toBe("42")
    expect(ApiFailures.matchTemplate("invalid signature.", "invalid signature.")).toBe("")
    expect(ApiFailures.matchTemplate("invalid signature.", "invalid signature")).toBeUndefined()
    expect(ApiFailures.matchTemplate("illegal channel id: %s", "legal channel id: 42")).toBeUndefined()
  })
})

describe("ApiFailures.classifyMessage", () => {
  it.each(messageTable)("$message -> $tag", ({ message, tag, value }) => {
    expect(ApiFailures.classifyMessage(message)).toEqual({ tag, value })
  })

  it("classifies every template of the table, filled in", () => {
    for (const [tag, failure] of Object.entries(ApiFailures.apiFailures)) {
      for (const template of failure.messages) {
        const filled = ApiFailures.render(template, "2659445")
        const expectedValue = template.includes("%s") ? "2659445" : ""
        expect(ApiFailures.classifyMessage(filled), filled).toEqual({ tag, value: expectedValue })
      }
    }
  })

  it("ignores surrounding whitespace", () => {
    expect(ApiFailures.classifyMessage(" invalid signature.\n")?.tag).toBe("InvalidSignature")
  })

  it.each([
    "",
    "invalid signature",
    "Invalid Signature.",
    "signature invalid.",
    "illegal channel: 5",
    "param validate error!",
    "parameter format error: x",
    "unknown failure",
  ])("does not classify %j", (message) => {
    expect(ApiFailures.classifyMessage(message)).toBeUndefined()
  })
})
