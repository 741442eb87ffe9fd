/**
 * The failures Polyv reports in an error envelope, with their exact message text (from the seed
 * pages and Polyv's error page) and the v4 `error.code` of each. This is the only place these
 * strings are written: the client classifies by them and the mock answers with them.
 *
 * A `%s` in a template stands for a value (a channel ID, a parameter name), as on Polyv's pages.
 *
 * @module
 */

/** The failures an API envelope can report. */
export type ApiFailureTag =
  | "AppIdRequired"
  | "ApplicationNotFound"
  | "InvalidTimestamp"
  | "InvalidSignature"
  | "IllegalChannelId"
  | "ParamValidateError"
  | "ReportNotReady"
  | "RateLimited"
  | "ServerError"

/** How one failure appears on the wire. */
export interface ApiFailure {
  /** Message templates, the canonical one first. */
  readonly messages: readonly [string, ...Array<string>]
  /**
   * v4 `error.code`. Polyv documents only 20001 (application not found); the other numbers are
   * this project's choice, stated here so the client and the mock agree.
   */
  readonly v4Code: number
}

/** Every failure, by tag. */
export const apiFailures: { readonly [K in ApiFailureTag]: ApiFailure } = {
  AppIdRequired: { messages: ["appId is required."], v4Code: 20002 },
  ApplicationNotFound: { messages: ["application not found."], v4Code: 20001 },
  InvalidTimestamp: { messages: ["invalid timestamp."], v4Code: 20003 },
  InvalidSignature: { messages: ["invalid signature."], v4Code: 20004 },
  IllegalChannelId: { messages: ["illegal channel id: %s"], v4Code: 20005 },
  ParamValidateError: { messages: ["param validate error", "param should not be empty: %s"], v4Code: 20006 },
  ReportNotReady: { messages: ["Report is not ready yet, please try again later."], v4Code: 20007 },
  RateLimited: { messages: ["qps exceeds number of calls"], v4Code: 20008 },
  // Polyv's global error page shows `status:"fail"` with code 500 but no text; ours is a choice.
  ServerError: { messages: ["system error"], v4Code: 50000 },
}

/** Fills the `%s` of a failure's message template. */
export const render = (template: string, value = ""): string => template.replace("%s", value)

/** The canonical message of a failure, with its value filled in. */
export const messageOf = (tag: ApiFailureTag, value?: string): string => render(apiFailures[tag].messages[0], value)

/** The message Polyv sends for a missing required parameter (`param should not be empty: %s`). */
export const missingParamMessage = (param: string): string => render(apiFailures.ParamValidateError.messages[1]!, param)

/**
 * Matches a message against a template. Returns the `%s` value ("" when the template has none),
 * or `undefined` when the message is not of that template.
 */
export const matchTemplate = (template: string, message: string): string | undefined => {
  const at = template.indexOf("%s")
  if (at < 0) return message === template ? "" : undefined
  const prefix = template.slice(0, at)
  const suffix = template.slice(at + 2)
  return message.length >= prefix.length + suffix.length && message.startsWith(prefix) && message.endsWith(suffix)
    ? message.slice(prefix.length, message.length - suffix.length)
    : undefined
}

/** Polyv's `param <what>: %s` family: every message of this shape is a parameter error. */
const paramFamily = /^param [^:]*: (.*)$/

/**
 * A channel ID no account has (Polyv's are 7 digits): what `polyv-stats verify` sends to provoke
 * `IllegalChannelId`, and what examples name.
 *
 * @example
 * ```ts
 * import { ApiFailures } from "@polyv-stats/core"
 *
 * ApiFailures.messageOf("IllegalChannelId", ApiFailures.unknownChannelId) // "illegal channel id: 10001"
 * ```
 */
export const unknownChannelId = "10001"

/**
 * Finds the failure a message reports, with its `%s` value.
 *
 * @example
 * ```ts
 * import { ApiFailures } from "@polyv-stats/core"
 *
 * ApiFailures.classifyMessage(`illegal channel id: ${ApiFailures.unknownChannelId}`)
 * // { tag: "IllegalChannelId", value: ApiFailures.unknownChannelId }
 * ```
 */
export const classifyMessage = (
  message: string,
): { readonly tag: ApiFailureTag; readonly value: string } | undefined => {
  const trimmed = message.trim()
  for (const [tag, failure] of Object.entries(apiFailures) as Array<[ApiFailureTag, ApiFailure]>) {
    for (const template of failure.messages) {
      const value = matchTemplate(template, trimmed)
      if (value !== undefined) return { tag, value }
    }
  }
  const param = paramFamily.exec(trimmed)
  return param ? { tag: "ParamValidateError", value: param[1]! } : undefined
}

/** Finds the failure a v4 `error.code` stands for. */
export const classifyV4Code = (code: number): ApiFailureTag | undefined =>
  (Object.entries(apiFailures) as Array<[ApiFailureTag, ApiFailure]>).find(([, f]) => f.v4Code === code)?.[0]
