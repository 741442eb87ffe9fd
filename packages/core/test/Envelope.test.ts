import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import { ApiFailures, Envelope, type PolyvError } from "../src/index.js"
import { endpointOfSeed, seedErrorExamples, seedExamples, seedFiles, seedSuccessExample } from "./seeds.js"

/** Reads a body and returns the error, failing the test if it was a success. */
const readError = (kind: Envelope.EnvelopeKind, endpoint: string, httpStatus: number, body: string): PolyvError => {
  const result = Envelope.read(kind, endpoint, httpStatus, body)
  if (Result.isSuccess(result)) throw new Error(`expected an error, got data ${JSON.stringify(result.success)}`)
  return result.failure
}

const readData = (kind: Envelope.EnvelopeKind, httpStatus: number, body: string): unknown => {
  const result = Envelope.read(kind, "anyEndpoint", httpStatus, body)
  if (Result.isFailure(result)) throw new Error(`expected data, got ${result.failure._tag}: ${result.failure.message}`)
  return result.success
}

/** A v3 error body exactly as the seed pages print them. */
const v3Body = (code: number, message: string, status = "error") => JSON.stringify({ code, status, message, data: "" })

const requestId = "d310b70bc329403f87f77f9203d50f89.128.16360831552223589"
const v4Body = (code: number, errorCode: number, desc: string) =>
  JSON.stringify({ code, status: "error", requestId, error: { code: errorCode, desc }, success: false })

interface Row {
  readonly message: string
  readonly tag: ApiFailures.ApiFailureTag
  readonly code: number
  readonly extra?: { readonly channelId?: string; readonly param?: string | undefined }
}

/** Hand-written: message, expected tag, a body code the pages use, and the fields it carries. */
const table: ReadonlyArray<Row> = [
  { message: "appId is required.", tag: "AppIdRequired", code: 400 },
  { message: "application not found.", tag: "ApplicationNotFound", code: 400 },
  { message: "invalid timestamp.", tag: "InvalidTimestamp", code: 400 },
  { message: "invalid signature.", tag: "InvalidSignature", code: 400 },
  { message: "invalid signature.", tag: "InvalidSignature", code: 403 },
  { message: "illegal channel id: 10001", tag: "IllegalChannelId", code: 400, extra: { channelId: "10001" } },
  { message: "illegal channel id: 5", tag: "IllegalChannelId", code: 403, extra: { channelId: "5" } },
  { message: "param validate error", tag: "ParamValidateError", code: 400, extra: { param: undefined } },
  {
    message: "param should not be empty: channelId",
    tag: "ParamValidateError",
    code: 400,
    extra: { param: "channelId" },
  },
  { message: "param should not be empty: users", tag: "ParamValidateError", code: 400, extra: { param: "users" } },
  {
    message: "param should not be empty: sessionId",
    tag: "ParamValidateError",
    code: 400,
    extra: { param: "sessionId" },
  },
  { message: "param format error: startDate", tag: "ParamValidateError", code: 400, extra: { param: "startDate" } },
  { message: "param is invalid: pageSize", tag: "ParamValidateError", code: 400, extra: { param: "pageSize" } },
  { message: "Report is not ready yet, please try again later.", tag: "ReportNotReady", code: 400 },
  { message: "qps exceeds number of calls", tag: "RateLimited", code: 429 },
  { message: "system error", tag: "ServerError", code: 500 },
]

/** Every template of `apiFailures`, filled in, must also be in the table above. */
const templateRows: ReadonlyArray<Row> = Object.entries(ApiFailures.apiFailures).flatMap(([tag, failure]) =>
  failure.messages.map((template) => {
    const message = ApiFailures.render(template, "2659445")
    const extra = tag === "IllegalChannelId"
      ? { channelId: "2659445" }
      : tag === "ParamValidateError"
      ? { param: template.includes("%s") ? "2659445" : undefined }
      : undefined
    return {
      message,
      tag: tag as ApiFailures.ApiFailureTag,
      code: tag === "ServerError" ? 500 : 400,
      ...(extra ? { extra } : {}),
    }
  })
)

const expectExtra = (error: PolyvError, row: Row) => {
  if (row.tag === "IllegalChannelId") {
    expect(error._tag === "IllegalChannelId" && error.channelId).toBe(row.extra?.channelId)
  }
  if (row.tag === "ParamValidateError") {
    expect(error._tag).toBe("ParamValidateError")
    expect((error as { param?: string }).param).toBe(row.extra?.param)
  }
}

describe("Envelope.read classifies v3 error bodies", () => {
  const cases = [...table, ...templateRows].flatMap((row) => [
    { ...row, httpStatus: row.code },
    // v3 endpoints have been seen answering HTTP 200 with an error body.
    { ...row, httpStatus: 200 },
  ])
  it.each(cases)("$message (body $code, HTTP $httpStatus) -> $tag", (row) => {
    const error = readError("v3", "sessionList", row.httpStatus, v3Body(row.code, row.message))
    expect(error._tag).toBe(row.tag)
    expect(error).toMatchObject({
      endpoint: "sessionList",
      httpStatus: row.httpStatus,
      code: row.code,
      message: row.message,
    })
    expect((error as { requestId?: string }).requestId).toBeUndefined()
    expect((error as { errorCode?: number }).errorCode).toBeUndefined()
    expectExtra(error, row)
  })
})

describe("Envelope.read classifies v4 error bodies", () => {
  const cases = [...table, ...templateRows].flatMap((row) => [
    { ...row, httpStatus: row.code },
    { ...row, httpStatus: 200 },
  ])
  it.each(cases)("$message (body $code, HTTP $httpStatus) -> $tag", (row) => {
    const errorCode = ApiFailures.apiFailures[row.tag].v4Code
    const error = readError("v4", "micHistory", row.httpStatus, v4Body(row.code, errorCode, row.message))
    expect(error._tag).toBe(row.tag)
    expect(error).toMatchObject({
      endpoint: "micHistory",
      httpStatus: row.httpStatus,
      code: row.code,
      message: row.message,
      requestId,
      errorCode,
    })
    expectExtra(error, row)
  })

  it.each(Object.keys(ApiFailures.apiFailures) as Array<ApiFailures.ApiFailureTag>)(
    "an unknown desc with the error.code of %s is classified by error.code",
    (tag) => {
      const errorCode = ApiFailures.apiFailures[tag].v4Code
      const error = readError("v4", "micHistory", 400, v4Body(400, errorCode, "something went wrong"))
      expect(error._tag).toBe(tag)
      expect(error).toMatchObject({ code: 400, httpStatus: 400, message: "something went wrong", requestId, errorCode })
    },
  )

  it("Polyv's own example: error.code 20001 without a known desc is ApplicationNotFound", () => {
    expect(readError("v4", "micHistory", 400, v4Body(400, 20001, "应用不存在"))._tag).toBe("ApplicationNotFound")
  })

  it("a known desc wins over a different known error.code", () => {
    const error = readError("v4", "micHistory", 400, v4Body(400, 20001, "invalid signature."))
    expect(error._tag).toBe("InvalidSignature")
    expect(error).toMatchObject({ errorCode: 20001 })
  })

  it("an unknown desc with an unknown error.code is not guessed from the numbers", () => {
    expect(readError("v4", "micHistory", 400, v4Body(400, 99999, "nope"))._tag).toBe("UnexpectedResponse")
    expect(readError("v4", "micHistory", 403, v4Body(403, 99999, "nope"))._tag).toBe("UnexpectedResponse")
    expect(readError("v4", "micHistory", 500, v4Body(500, 99999, "nope"))._tag).toBe("ServerError")
  })
})

describe("Envelope.read never classifies by the numeric code alone", () => {
  it("a 403 with `illegal channel id: 5` is IllegalChannelId, not InvalidSignature", () => {
    const error = readError("v3", "yunduoSummary", 403, v3Body(403, "illegal channel id: 5"))
    expect(error._tag).toBe("IllegalChannelId")
    expect(error).toMatchObject({ channelId: "5", code: 403 })
  })

  it("a 400 with `invalid signature.` is InvalidSignature (the code differs by page)", () => {
    expect(readError("v3", "exportReport", 400, v3Body(400, "invalid signature."))._tag).toBe("InvalidSignature")
  })

  it.each([400, 403, 404, 429])("a %i with an unknown message is UnexpectedResponse", (code) => {
    for (const httpStatus of [code, 200]) {
      const error = readError("v3", "exportReport", httpStatus, v3Body(code, "something new"))
      expect(error._tag).toBe("UnexpectedResponse")
      expect(error).toMatchObject({ endpoint: "exportReport", httpStatus })
      expect(error.message).toContain("something new")
    }
  })

  it("a 500 with an unknown message is ServerError", () => {
    const error = readError("v3", "exportReport", 500, v3Body(500, "NullPointerException"))
    expect(error._tag).toBe("ServerError")
    expect(error).toMatchObject({ httpStatus: 500, code: 500, message: "NullPointerException" })
  })
})

describe("Envelope.read on other failures", () => {
  it("status `fail` is ServerError, with or without a message, whatever the HTTP status", () => {
    for (const httpStatus of [500, 200]) {
      for (const message of ["", "internal error"]) {
        const error = readError("v3", "liveDurations", httpStatus, v3Body(500, message, "fail"))
        expect(error._tag).toBe("ServerError")
        expect(error).toMatchObject({ endpoint: "liveDurations", httpStatus, code: 500, message })
      }
    }
  })

  it("status `fail` is ServerError even when its code is not a 5xx", () => {
    for (const code of [400, 200]) {
      const error = readError("v3", "liveDurations", 200, v3Body(code, "busy", "fail"))
      expect(error._tag).toBe("ServerError")
      expect(error).toMatchObject({ httpStatus: 200, code, message: "busy" })
    }
  })

  it.each([
    [502, "<html><body><h1>502 Bad Gateway</h1></body></html>"],
    [503, "Service Unavailable"],
    [504, ""],
  ])("a non-JSON %i body is ServerError", (httpStatus, body) => {
    for (const kind of ["v3", "v4"] as const) {
      const error = readError(kind, "sessionList", httpStatus, body)
      expect(error._tag).toBe("ServerError")
      expect(error).toMatchObject({ endpoint: "sessionList", httpStatus, code: httpStatus })
    }
  })

  it.each([
    ["a non-JSON 400 body", 400, "Bad Request"],
    ["a non-JSON 200 body", 200, "OK"],
    ["an empty 200 body", 200, ""],
    ["a blank 200 body", 200, "  \n"],
    ["an HTML page", 200, "<!DOCTYPE html><html><head><title>Polyv</title></head><body>login</body></html>"],
    ["an HTML 404 page", 404, "<html><body>Not Found</body></html>"],
    ["a JSON array", 200, "[1,2,3]"],
    ["a JSON string", 200, "\"success\""],
    ["JSON null", 200, "null"],
    ["an object that is not an envelope", 200, "{\"hello\":\"world\"}"],
    ["an envelope with a string code", 200, "{\"code\":\"200\",\"status\":\"success\",\"data\":1}"],
    ["an envelope without status", 200, "{\"code\":200,\"data\":1}"],
  ])("%s is UnexpectedResponse", (_, httpStatus, body) => {
    for (const kind of ["v3", "v4"] as const) {
      const error = readError(kind, "exportReport", httpStatus, body)
      expect(error._tag).toBe("UnexpectedResponse")
      expect(error).toMatchObject({ endpoint: "exportReport", httpStatus })
      expect((error as { body: string }).body).toBe(body.slice(0, 200))
    }
  })

  it("keeps only the start of a long body", () => {
    const body = "x".repeat(5000)
    const error = readError("v3", "exportReport", 200, body)
    expect(error._tag).toBe("UnexpectedResponse")
    expect((error as { body: string }).body.length).toBeLessThanOrEqual(201)
  })
})

describe("Envelope.read on success", () => {
  it("returns v3 data", () => {
    expect(readData("v3", 200, JSON.stringify({ code: 200, status: "success", message: "", data: [{ a: 1 }] })))
      .toEqual([{ a: 1 }])
    expect(readData("v3", 200, JSON.stringify({ code: 200, status: "success", message: "", data: "url" })))
      .toBe("url")
  })

  it("returns v4 data", () => {
    const body = { code: 200, status: "success", requestId, data: { userId: "u", history: 3 }, success: true }
    expect(readData("v4", 200, JSON.stringify(body))).toEqual({ userId: "u", history: 3 })
  })

  it("round-trips the builders the mock uses", () => {
    expect(readData("v3", 200, JSON.stringify(Envelope.v3Success([1])))).toEqual([1])
    expect(readData("v4", 200, JSON.stringify(Envelope.v4Success(requestId, { x: 1 })))).toEqual({ x: 1 })
    expect(readError("v3", "e", 403, JSON.stringify(Envelope.v3Error(403, "invalid signature.")))._tag)
      .toBe("InvalidSignature")
    expect(readError("v3", "e", 500, JSON.stringify(Envelope.v3Error(500, "", "fail")))._tag).toBe("ServerError")
    const v4 = readError(
      "v4",
      "e",
      400,
      JSON.stringify(Envelope.v4Error(400, requestId, 20001, "application not found.")),
    )
    expect(v4).toMatchObject({ _tag: "ApplicationNotFound", requestId, errorCode: 20001 })
  })

  it("the v3 error builder matches the pages: data is the empty string", () => {
    expect(Envelope.v3Error(400, "invalid signature.")).toEqual({
      code: 400,
      status: "error",
      message: "invalid signature.",
      data: "",
    })
  })
})

describe("Envelope.read reads each kind's own fields only", () => {
  it("v3: a stray `success` or `error` is not read; its errors carry no requestId", () => {
    const body = { code: 200, status: "success", message: "", data: [1], success: false }
    expect(readData("v3", 200, JSON.stringify(body))).toEqual([1])
    const error = readError(
      "v3",
      "e",
      400,
      JSON.stringify({
        code: 400,
        status: "error",
        message: "x",
        data: "",
        error: { code: 20001, desc: "application not found." },
      }),
    )
    expect(error).toMatchObject({ _tag: "UnexpectedResponse", message: "unknown error 400: x" })
    expect("requestId" in readError("v3", "e", 400, v3Body(400, "invalid signature."))).toBe(false)
  })

  it("v4: a stray `message` is not read, and `success` decides over status and code", () => {
    const body = { code: 400, status: "error", requestId, message: "invalid signature.", success: false }
    expect(readError("v4", "e", 400, JSON.stringify(body))).toMatchObject({
      _tag: "UnexpectedResponse",
      message: "unknown error 400: ",
    })
    expect(readData("v4", 200, JSON.stringify({ code: 500, status: "error", requestId, data: 1, success: true })))
      .toBe(1)
    expect(readError("v4", "e", 200, JSON.stringify({ code: 200, status: "success", requestId, success: false })))
      .toMatchObject({ _tag: "UnexpectedResponse", message: "unknown error 200: " })
  })
})

describe("the seed pages' examples", () => {
  /** Hand-written from the pages: the tag each error message the pages print stands for. */
  const tagOfSeedMessage: Record<string, ApiFailures.ApiFailureTag> = {
    "invalid signature.": "InvalidSignature",
    "Report is not ready yet, please try again later.": "ReportNotReady",
    "param validate error": "ParamValidateError",
    "appId is required.": "AppIdRequired",
    "application not found.": "ApplicationNotFound",
    "invalid timestamp.": "InvalidTimestamp",
    "illegal channel id: %s": "IllegalChannelId",
    "illegal channel id: 10001": "IllegalChannelId",
  }
  const errorExamples = seedFiles.flatMap(seedErrorExamples)

  it("are all found: 15 error examples on the five pages", () => {
    expect(seedFiles.map((file) => seedErrorExamples(file).length)).toEqual([2, 6, 5, 1, 1])
    expect(errorExamples).toHaveLength(15)
  })

  it.each(errorExamples.map((e, i) => ({ ...e, i })))("$file error #$i classifies to its tag", (example) => {
    const endpoint = endpointOfSeed(example.file)
    const message = example.json.message ?? example.json.error?.desc ?? ""
    const expected = tagOfSeedMessage[message]
    expect(expected, `no expectation for the seed message ${JSON.stringify(message)}`).toBeDefined()
    for (const httpStatus of [example.json.code, 200]) {
      const error = readError(endpoint.envelope, endpoint.name, httpStatus, example.text)
      expect(error._tag).toBe(expected)
      expect(error).toMatchObject({ endpoint: endpoint.name, httpStatus, code: example.json.code, message })
      if (endpoint.envelope === "v4") {
        expect(error).toMatchObject({ requestId: example.json.requestId, errorCode: example.json.error?.code })
      }
    }
  })

  it("page 002's illegal channel id names the channel", () => {
    const example = seedErrorExamples("002_475c1a9d48c6033a.txt").find((e) => e.json.message?.startsWith("illegal"))!
    const error = readError("v3", "liveDurations", 400, example.text)
    expect(error).toMatchObject({ _tag: "IllegalChannelId", channelId: "10001", code: 400 })
  })

  it.each(seedFiles.filter((file) => seedExamples(file).some((e) => e.json.status === "success")))(
    "%s: the success example returns its data",
    (file) => {
      const endpoint = endpointOfSeed(file)
      const example = seedSuccessExample(file)
      expect(readData(endpoint.envelope, 200, example.text)).toEqual(example.json.data)
    },
  )
})
