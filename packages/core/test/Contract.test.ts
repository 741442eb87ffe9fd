import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { readSeed } from "../../../spec/seedPages.js"
import { ApiFailures, ChinaTime, Contract, Envelope } from "../src/index.js"
import { endpointOfSeed, seedErrorExamples, seedExampleUrls, seedFiles, seedSuccessExample } from "./seeds.js"

const { exportReport, yunduoSummary, liveDurations, micHistory, sessionList } = Contract

const decodeData = <E extends Contract.KnownEndpoint>(endpoint: E, wire: unknown) =>
  Schema.decodeUnknownSync(endpoint.data)(wire) as Contract.DataOf<E>
const encodeData = <E extends Contract.KnownEndpoint>(endpoint: E, data: Contract.DataOf<E>): unknown =>
  Schema.encodeSync(endpoint.data as Schema.Codec<unknown, unknown>)(data)
const rejectsData = (endpoint: Contract.KnownEndpoint, wire: unknown) =>
  Result.isFailure(Schema.decodeUnknownResult(endpoint.data as Schema.Codec<unknown, unknown>)(wire))

const encodeParams = <E extends Contract.KnownEndpoint>(endpoint: E, params: Contract.ParamsOf<E>) =>
  Schema.encodeUnknownSync(endpoint.params as Schema.Codec<unknown, unknown>)(params)
const decodeParams = <E extends Contract.KnownEndpoint>(endpoint: E, wire: Record<string, string>) =>
  Schema.decodeUnknownSync(endpoint.params as Schema.Codec<unknown, unknown>)(wire) as Contract.ParamsOf<E>
const encodeFails = (endpoint: Contract.KnownEndpoint, params: unknown) =>
  Result.isFailure(Schema.encodeUnknownResult(endpoint.params as Schema.Codec<unknown, unknown>)(params))
const decodeFails = (endpoint: Contract.KnownEndpoint, wire: unknown) =>
  Result.isFailure(Schema.decodeUnknownResult(endpoint.params as Schema.Codec<unknown, unknown>)(wire))

/** The page's example request, without the three parameters every call carries. */
const exampleBusinessParams = (file: string): Record<string, string> => {
  const urls = seedExampleUrls(file)
  expect(urls, `${file} shows one example URL`).toHaveLength(1)
  const params = Object.fromEntries(urls[0]!.searchParams)
  for (const common of ["appId", "timestamp", "sign"]) {
    expect(params[common], `${file} example has ${common}`).toBeDefined()
    delete params[common]
  }
  return params
}

// China midnight of 2022-05-02 (hand-computed: 16:00 UTC the day before).
const may2Midnight = Date.UTC(2022, 4, 1, 16)

describe("each endpoint matches its seed page", () => {
  it("the five endpoints are the five seed files, in order", () => {
    expect(seedFiles).toEqual([
      "000_ea3fc30bf3094a76.txt",
      "001_774a0b84571a052f.txt",
      "002_475c1a9d48c6033a.txt",
      "003_5513c642078beeab.txt",
      "004_27f204896108e1d1.txt",
    ])
  })

  it.each(Contract.endpoints.map((e) => [e.name, e] as const))(
    "%s: path and envelope are the page's",
    (_, endpoint) => {
      const page = readSeed(endpoint.seed)
      expect(page).toContain(`api.polyv.net${endpoint.path}`)
      // The v4 envelope is the one with `requestId` and `success`; the page's examples say which.
      expect(endpoint.envelope).toBe(/"requestId"/.test(page) ? "v4" : "v3")
    },
  )

  it("the methods are the pages' (yunduo also takes a POST form)", () => {
    expect(Object.fromEntries(Contract.endpoints.map((e) => [e.name, e.methods]))).toEqual({
      exportReport: ["GET"],
      yunduoSummary: ["GET", "POST"],
      liveDurations: ["GET"],
      micHistory: ["GET"],
      sessionList: ["GET"],
    })
  })
})

describe("errorCodes agree with the seed pages", () => {
  const cases = seedFiles.flatMap((file) => seedErrorExamples(file).map((example) => ({ file, example })))

  it.each(cases.map((c, i) => ({ ...c, i, message: c.example.json.message ?? c.example.json.error?.desc })))(
    "$file #$i: $message",
    ({ file, example }) => {
      const endpoint = endpointOfSeed(file)
      const read = Envelope.read(endpoint.envelope, endpoint.name, example.json.code, example.text)
      if (Result.isSuccess(read)) throw new Error("an error example read as a success")
      const tag = read.failure._tag as ApiFailures.ApiFailureTag
      expect(ApiFailures.apiFailures[tag], `${tag} is an API failure`).toBeDefined()
      expect((endpoint.errorCodes as Contract.ErrorCodes)[tag]).toBe(example.json.code)
    },
  )

  it("invalid signature is 400 on pages 000/004 and 403 on 001/002; illegal channel id 403 on 001, 400 on 002", () => {
    expect(exportReport.errorCodes.InvalidSignature).toBe(400)
    expect(sessionList.errorCodes.InvalidSignature).toBe(400)
    expect(yunduoSummary.errorCodes.InvalidSignature).toBe(403)
    expect(liveDurations.errorCodes.InvalidSignature).toBe(403)
    expect(yunduoSummary.errorCodes.IllegalChannelId).toBe(403)
    expect(liveDurations.errorCodes.IllegalChannelId).toBe(400)
    expect(exportReport.errorCodes.ReportNotReady).toBe(400)
    expect(micHistory.errorCodes.ApplicationNotFound).toBe(400)
  })

  it("only the export endpoint can be not ready; the mic endpoint takes no channel", () => {
    for (const endpoint of Contract.endpoints) {
      expect("ReportNotReady" in endpoint.errorCodes, endpoint.name).toBe(endpoint === exportReport)
    }
    expect("IllegalChannelId" in micHistory.errorCodes).toBe(false)
  })
})

describe("data: the seed pages' success examples decode", () => {
  it("000 export: the download URL", () => {
    const example = seedSuccessExample(exportReport.seed)
    expect(decodeData(exportReport, example.json.data)).toBe("https://liveimages.videocc.net/xx/xxx/xx.xlsx")
    expect(rejectsData(exportReport, null)).toBe(true)
  })

  describe("001 yunduo", () => {
    // The page's success example is not valid JSON; the README decides `data` is the array it
    // contains. Take that array from the page's own text.
    const arrayText = /\[\{"statAt".*?\}\]/.exec(readSeed(yunduoSummary.seed))?.[0]
    const wire = JSON.parse(arrayText ?? "null") as Array<Record<string, unknown>>

    it("the page's array is the README's shape", () => {
      expect(wire).toEqual([{ statAt: 1629166440000, peakCCV: "2888", pullType: "cdn" }])
    })

    it("decodes peakCCV \"2888\" to the number 2888 and keeps statAt", () => {
      expect(decodeData(yunduoSummary, wire)).toEqual([{ statAt: 1629166440000, peakCCV: 2888, pullType: "cdn" }])
    })

    it("accepts the field table's `startAt` spelling and exposes it as statAt", () => {
      const decoded = decodeData(yunduoSummary, [{ startAt: 1629166440000, peakCCV: "17", pullType: "cdn" }])
      expect(decoded).toEqual([{ statAt: 1629166440000, peakCCV: 17, pullType: "cdn" }])
      expect(Object.keys(decoded[0]!)).not.toContain("startAt")
    })

    it("accepts an empty list (no known users)", () => {
      expect(decodeData(yunduoSummary, [])).toEqual([])
    })

    it.each([
      ["no statAt nor startAt", { peakCCV: "1", pullType: "cdn" }],
      ["a non-digit peakCCV", { statAt: 1, peakCCV: "lots", pullType: "cdn" }],
      ["an empty peakCCV", { statAt: 1, peakCCV: "", pullType: "cdn" }],
      ["a negative peakCCV string", { statAt: 1, peakCCV: "-5", pullType: "cdn" }],
      ["a string statAt", { statAt: "1629166440000", peakCCV: "1", pullType: "cdn" }],
      ["no pullType", { statAt: 1, peakCCV: "1" }],
    ])("rejects %s", (_, entry) => {
      expect(rejectsData(yunduoSummary, [entry])).toBe(true)
    })

    it("encodes back to the wire shape the page shows (peakCCV as a string)", () => {
      expect(encodeData(yunduoSummary, decodeData(yunduoSummary, wire))).toEqual(wire)
      expect(encodeData(yunduoSummary, [{ statAt: 5, peakCCV: 0, pullType: "cdn" }])).toEqual([
        { statAt: 5, peakCCV: "0", pullType: "cdn" },
      ])
    })
  })

  describe("002 durations", () => {
    const example = seedSuccessExample(liveDurations.seed)

    it("decodes, with channel IDs as strings", () => {
      expect(decodeData(liveDurations, example.json.data)).toEqual([
        { duration: 1000, channelId: "108888" },
        { duration: 222, channelId: "108188" },
      ])
    })

    it("takes a channel ID sent as a string the same way", () => {
      expect(decodeData(liveDurations, [{ duration: 1, channelId: "108888" }])).toEqual([
        { duration: 1, channelId: "108888" },
      ])
    })

    it("encodes back to the page's wire shape (channelId as a number)", () => {
      expect(encodeData(liveDurations, decodeData(liveDurations, example.json.data))).toEqual(example.json.data)
    })

    it("encodes a channel ID a JSON number would change (too long, leading zeros) as a string, kept", () => {
      const long = "12345678901234567890"
      expect(encodeData(liveDurations, [{ duration: 1, channelId: long }])).toEqual([{ duration: 1, channelId: long }])
      expect(encodeData(liveDurations, [{ duration: 1, channelId: "0012" }])).toEqual([{
        duration: 1,
        channelId: "0012",
      }])
      expect(encodeData(liveDurations, [{ duration: 1, channelId: "9007199254740991" }])).toEqual([
        { duration: 1, channelId: 9007199254740991 },
      ])
    })

    it("rejects a missing duration or channelId", () => {
      expect(rejectsData(liveDurations, [{ channelId: 1 }])).toBe(true)
      expect(rejectsData(liveDurations, [{ duration: 1 }])).toBe(true)
      expect(rejectsData(liveDurations, [{ duration: "1", channelId: 1 }])).toBe(true)
    })
  })

  describe("003 mic history", () => {
    const example = seedSuccessExample(micHistory.seed)

    it("decodes and encodes back", () => {
      expect(decodeData(micHistory, example.json.data)).toEqual({ userId: "1b448be323", history: 101 })
      expect(encodeData(micHistory, decodeData(micHistory, example.json.data))).toEqual(example.json.data)
    })

    it("rejects a missing history", () => {
      expect(rejectsData(micHistory, { userId: "1b448be323" })).toBe(true)
    })
  })

  describe("004 session list", () => {
    const example = seedSuccessExample(sessionList.seed)
    const wire = example.json.data as { contents: Array<Record<string, unknown>> } & Record<string, unknown>
    const pageFields = [
      "pageSize",
      "pageNumber",
      "totalItems",
      "contents",
      "startRow",
      "firstPage",
      "lastPage",
      "prePageNumber",
      "nextPageNumber",
      "limit",
      "totalPages",
      "endRow",
      "offset",
    ]

    it("the page object has exactly the README's 13 fields, in the seed and in the schema", () => {
      expect(pageFields).toHaveLength(13)
      expect(new Set(Object.keys(wire))).toEqual(new Set(pageFields))
      expect(Object.keys(wire)).toHaveLength(13)
      expect(new Set(Object.keys(Contract.SessionPage.fields))).toEqual(new Set(pageFields))
      expect(Object.keys(Contract.SessionPage.fields)).toHaveLength(13)
    })

    it("decodes the example: channel IDs as strings, customId null", () => {
      const page = decodeData(sessionList, wire)
      expect(page).toMatchObject({
        pageSize: 10,
        pageNumber: 1,
        totalItems: 4,
        limit: 4,
        nextPageNumber: 1,
        firstPage: true,
        lastPage: true,
        totalPages: 1,
        startRow: 1,
        endRow: 4,
        offset: 0,
        prePageNumber: 1,
      })
      expect(page.contents).toHaveLength(4)
      expect(page.contents[0]).toEqual({
        sessionId: "g9lv2ghv2x",
        channelId: "2272655",
        userId: "1b448be323",
        startTime: 1652062574000,
        endTime: 1652062643000,
        customId: null,
      })
      for (const session of page.contents) expect(session.channelId).toBe("2272655")
    })

    it("accepts a live session (endTime null) and a string channelId", () => {
      const live = { ...wire.contents[0], endTime: null, channelId: "2272655" }
      const page = decodeData(sessionList, { ...wire, contents: [live, ...wire.contents.slice(1)] })
      expect(page.contents[0]!.endTime).toBeNull()
      expect(page.contents[0]!.channelId).toBe("2272655")
    })

    it("accepts a customId string or its absence", () => {
      const { customId: _, ...without } = wire.contents[0]!
      const page = decodeData(sessionList, { ...wire, contents: [{ ...without }, { ...without, customId: "c-1" }] })
      expect(page.contents[0]!.customId).toBeUndefined()
      expect(page.contents[1]!.customId).toBe("c-1")
    })

    it("accepts an empty page", () => {
      expect(decodeData(sessionList, { ...wire, totalItems: 0, contents: [] }).contents).toEqual([])
    })

    it.each(pageFields)("rejects a page without %s", (field) => {
      const { [field]: _, ...rest } = wire
      expect(rejectsData(sessionList, rest)).toBe(true)
    })

    it("rejects a session without endTime (live sessions send null, not nothing)", () => {
      const { endTime: _, ...rest } = wire.contents[0]!
      expect(rejectsData(sessionList, { ...wire, contents: [rest] })).toBe(true)
    })

    it("encodes back to the page's wire shape (channelId as a number)", () => {
      expect(encodeData(sessionList, decodeData(sessionList, wire))).toEqual(wire)
    })
  })
})

describe("params: the pages' example requests decode", () => {
  it("000 export", () => {
    const wire = exampleBusinessParams(exportReport.seed)
    expect(wire).toEqual({ channelId: "2659445", sessionId: "sisssssdfd" })
    expect(decodeParams(exportReport, wire)).toEqual({ channelId: "2659445", sessionId: "sisssssdfd" })
  })

  it("003 mic history: ms timestamps become Dates", () => {
    const wire = exampleBusinessParams(micHistory.seed)
    expect(decodeParams(micHistory, wire)).toEqual({
      startTime: new Date(1632672000000),
      endTime: new Date(1633017600000),
    })
  })

  it("004 session list: page and pageSize become numbers", () => {
    const wire = exampleBusinessParams(sessionList.seed)
    expect(decodeParams(sessionList, wire)).toEqual({ channelId: "2272655", page: 1, pageSize: 10 })
  })
})

describe("params: each endpoint's is a struct of wire-string fields", () => {
  const asParams = (params: Contract.ParamsSchema) => params

  it("is typed so: a field that does not travel as text, or no struct, does not compile", () => {
    for (const endpoint of Contract.endpoints) asParams(endpoint.params)
    // @ts-expect-error a number on the wire is no query parameter
    asParams(Schema.Struct({ count: Schema.Number }))
    // @ts-expect-error the parameters are a struct of fields, not one value
    expect(() => Contract.paramFields({ ...sessionList, params: Schema.String })).toThrow()
  })

  it("lists the fields in declaration order, with which may be left out", () => {
    expect(Contract.paramFields(sessionList).map((f) => [f.name, f.optional])).toEqual([
      ["channelId", false],
      ["startDate", true],
      ["endDate", true],
      ["page", true],
      ["pageSize", true],
    ])
  })
})

describe("params: exportReport", () => {
  it("encodes as is", () => {
    expect(encodeParams(exportReport, { channelId: "2659445", sessionId: "fv3ma84e63" })).toEqual({
      channelId: "2659445",
      sessionId: "fv3ma84e63",
    })
  })

  it.each(["", "abc", "12a", "12 3", "-1", "1.5", "２２７"])("rejects the channel ID %j", (channelId) => {
    expect(encodeFails(exportReport, { channelId, sessionId: "fv3ma84e63" })).toBe(true)
    expect(decodeFails(exportReport, { channelId, sessionId: "fv3ma84e63" })).toBe(true)
  })

  it.each(["", "a b", "x/y", "a&sign=1"])("rejects the session ID %j", (sessionId) => {
    expect(encodeFails(exportReport, { channelId: "1", sessionId })).toBe(true)
  })

  it("requires both", () => {
    expect(decodeFails(exportReport, { channelId: "1" })).toBe(true)
    expect(decodeFails(exportReport, { sessionId: "x" })).toBe(true)
  })
})

describe("params: yunduoSummary", () => {
  it("joins users with commas and keeps dates as yyyy-MM-dd", () => {
    expect(encodeParams(yunduoSummary, { users: ["1b448be323", "a6580a9674"], start: "2021-08-01", end: "2021-08-17" }))
      .toEqual({ users: "1b448be323,a6580a9674", start: "2021-08-01", end: "2021-08-17" })
    expect(encodeParams(yunduoSummary, { users: ["1b448be323"], start: "2021-08-01", end: "2021-08-01" }))
      .toEqual({ users: "1b448be323", start: "2021-08-01", end: "2021-08-01" })
  })

  it("takes user IDs with _ and -, and a refusal says they may have them", () => {
    expect(encodeParams(yunduoSummary, { users: ["ab_c-1"], start: "2021-08-01", end: "2021-08-01" }))
      .toEqual({ users: "ab_c-1", start: "2021-08-01", end: "2021-08-01" })
    const refused = Contract.encodeParamsResult(yunduoSummary, {
      users: ["a b"],
      start: "2021-08-01",
      end: "2021-08-01",
    })
    expect(Result.isFailure(refused) && refused.failure.message).toContain("letters, digits, _ and -")
  })

  it("splits users on decode", () => {
    expect(decodeParams(yunduoSummary, { users: "1b448be323,a6580a9674", start: "2021-08-01", end: "2021-08-17" }))
      .toEqual({ users: ["1b448be323", "a6580a9674"], start: "2021-08-01", end: "2021-08-17" })
  })

  it.each(["2022-02-30", "2021/08/01", "2021-8-1", "2021-08-01 00:00:00", "", "today"])(
    "rejects the date %j",
    (start) => {
      expect(encodeFails(yunduoSummary, { users: ["u1"], start, end: "2021-08-17" })).toBe(true)
      expect(decodeFails(yunduoSummary, { users: "u1", start, end: "2021-08-17" })).toBe(true)
      expect(decodeFails(yunduoSummary, { users: "u1", start: "2021-08-01", end: start })).toBe(true)
    },
  )

  it("refuses to encode a day a 13-digit millisecond timestamp cannot name, so it is never sent", () => {
    const { min, max } = Contract.WireTypes.chinaDayRange
    const [first, last] = [ChinaTime.formatDate(min), ChinaTime.formatDate(max)]
    expect([first, last]).toEqual(["2001-09-10", "2286-11-21"])
    expect(encodeParams(yunduoSummary, { users: ["u1"], start: first, end: last })).toMatchObject({ start: first })
    for (const day of ["0000-01-01", "2001-09-09", "2286-11-22", "9999-12-31"]) {
      expect(encodeFails(yunduoSummary, { users: ["u1"], start: day, end: "2026-01-02" }), day).toBe(true)
      expect(encodeFails(yunduoSummary, { users: ["u1"], start: "2026-01-01", end: day }), day).toBe(true)
    }
  })

  it("rejects an empty user list, empty IDs and IDs with separators", () => {
    const dates = { start: "2021-08-01", end: "2021-08-17" }
    expect(encodeFails(yunduoSummary, { users: [], ...dates })).toBe(true)
    expect(encodeFails(yunduoSummary, { users: ["a", ""], ...dates })).toBe(true)
    expect(encodeFails(yunduoSummary, { users: ["a,b"], ...dates })).toBe(true)
    expect(decodeFails(yunduoSummary, { users: "", ...dates })).toBe(true)
    expect(decodeFails(yunduoSummary, { users: "a,,b", ...dates })).toBe(true)
  })
})

describe("params: liveDurations", () => {
  it("joins channel IDs with commas", () => {
    expect(encodeParams(liveDurations, { channelIds: ["108888", "108188"] })).toEqual({ channelIds: "108888,108188" })
    expect(decodeParams(liveDurations, { channelIds: "108888,108188" })).toEqual({ channelIds: ["108888", "108188"] })
  })

  it("rejects non-digit channel IDs and an empty list", () => {
    expect(encodeFails(liveDurations, { channelIds: ["108888", "10a"] })).toBe(true)
    expect(encodeFails(liveDurations, { channelIds: [] })).toBe(true)
    expect(encodeFails(liveDurations, { channelIds: ["1,2"] })).toBe(true)
    expect(decodeFails(liveDurations, { channelIds: "108888,abc" })).toBe(true)
    expect(decodeFails(liveDurations, { channelIds: "" })).toBe(true)
  })
})

describe("params: micHistory", () => {
  it("sends instants as 13-digit ms timestamps", () => {
    const wire = encodeParams(micHistory, { startTime: new Date(1632672000000), endTime: new Date(1633017600000) })
    expect(wire).toEqual({ startTime: "1632672000000", endTime: "1633017600000" })
    expect((wire as Record<string, string>).startTime).toMatch(/^\d{13}$/)
  })

  it("both are optional", () => {
    expect(encodeParams(micHistory, {})).toEqual({})
    expect(decodeParams(micHistory, {})).toEqual({})
  })

  it.each(["163267200000", "16326720000000", "abc", "2021-09-27", "", "-1632672000000", "1632672000000.5"])(
    "rejects the timestamp %j",
    (startTime) => {
      expect(decodeFails(micHistory, { startTime })).toBe(true)
    },
  )

  it("rejects an invalid Date", () => {
    expect(encodeFails(micHistory, { startTime: new Date(Number.NaN) })).toBe(true)
  })

  it("refuses to encode an instant that is not 13 digits of milliseconds, so it is never sent", () => {
    const { min, max } = Contract.WireTypes.millisParamRange
    for (const ms of [min, max, 1632672000000]) {
      const wire = encodeParams(micHistory, { startTime: new Date(ms) }) as Record<string, string>
      expect(decodeParams(micHistory, wire).startTime!.getTime()).toBe(ms)
    }
    // 1969-12-31 and 9999-01-01 (China time): what the wire could not carry.
    for (const ms of [min - 1, max + 1, -115_200_000, Date.UTC(9998, 11, 31, 16)]) {
      expect(encodeFails(micHistory, { endTime: new Date(ms) }), String(ms)).toBe(true)
    }
  })
})

describe("params: sessionList", () => {
  it("sends dates as China time yyyy-MM-dd HH:mm:ss and numbers as text", () => {
    expect(encodeParams(sessionList, {
      channelId: "2272655",
      startDate: new Date(may2Midnight),
      endDate: new Date(Date.UTC(2022, 5, 29, 15, 59, 59)),
      page: 2,
      pageSize: 10,
    })).toEqual({
      channelId: "2272655",
      startDate: "2022-05-02 00:00:00",
      endDate: "2022-06-29 23:59:59",
      page: "2",
      pageSize: "10",
    })
  })

  it("leaves out what is not given", () => {
    expect(encodeParams(sessionList, { channelId: "2272655" })).toEqual({ channelId: "2272655" })
  })

  it("refuses to encode an instant on a day a 13-digit millisecond timestamp cannot name", () => {
    const { min, max } = Contract.WireTypes.chinaDayRange
    // The first and last instants of the range's days pass; the instants either side do not.
    for (const ms of [min, max + ChinaTime.dayMillis - 1000]) {
      expect(encodeParams(sessionList, { channelId: "1", startDate: new Date(ms) })).toMatchObject({
        startDate: ChinaTime.formatDateTime(ms),
      })
    }
    for (const ms of [min - 1000, max + ChinaTime.dayMillis, Date.parse("0000-01-01T00:00:00Z"), Number.NaN]) {
      expect(encodeFails(sessionList, { channelId: "1", startDate: new Date(ms) }), String(ms)).toBe(true)
      expect(encodeFails(sessionList, { channelId: "1", endDate: new Date(ms) }), String(ms)).toBe(true)
    }
  })

  it("decodes a date-time and a bare date (its China midnight)", () => {
    expect(decodeParams(sessionList, { channelId: "1", startDate: "2022-05-02", endDate: "2022-05-02 08:30:00" }))
      .toEqual({
        channelId: "1",
        startDate: new Date(may2Midnight),
        endDate: new Date(may2Midnight + 8.5 * 3600_000),
      })
  })

  it.each([
    "2022-02-30",
    "2022-02-30 00:00:00",
    "2022/05/01",
    "2022-05-01T00:00:00",
    "2022-05-01 00:00",
    "2022-05-01 25:00:00",
    "1651420800000",
    "",
  ])("rejects the date %j", (startDate) => {
    expect(decodeFails(sessionList, { channelId: "1", startDate })).toBe(true)
  })

  it.each(["0", "-1", "1.5", "abc", "", " 1", "1e3"])("rejects page %j", (page) => {
    expect(decodeFails(sessionList, { channelId: "1", page })).toBe(true)
    expect(decodeFails(sessionList, { channelId: "1", pageSize: page })).toBe(true)
  })

  it("rejects a page below 1 or fractional, and an invalid Date, on encode", () => {
    expect(encodeFails(sessionList, { channelId: "1", page: 0 })).toBe(true)
    expect(encodeFails(sessionList, { channelId: "1", pageSize: 2.5 })).toBe(true)
    // Ten digits: the mock (and Polyv's nine-digit form) would refuse it, so it is not sent.
    expect(encodeFails(sessionList, { channelId: "1", pageSize: 1e10 })).toBe(true)
    expect(encodeParams(sessionList, { channelId: "1", page: Contract.WireTypes.wholeNumberMax })).toMatchObject({
      page: "999999999",
    })
    expect(encodeFails(sessionList, { channelId: "1", startDate: new Date(Number.NaN) })).toBe(true)
    expect(encodeFails(sessionList, { channelId: "12a" })).toBe(true)
  })
})

describe("params: encodeParamsResult", () => {
  it("leaves out an optional parameter given as undefined, and never changes the caller's object", () => {
    const given = { channelId: "2272655", page: undefined, pageSize: 20 }
    const wire = Contract.encodeParamsResult(Contract.sessionList, given)
    expect(Result.isSuccess(wire) && wire.success).toEqual({ channelId: "2272655", pageSize: "20" })
    expect(given).toEqual({ channelId: "2272655", page: undefined, pageSize: 20 })
    // None undefined: sent as given.
    const whole = Contract.encodeParamsResult(Contract.sessionList, { channelId: "2272655", page: 2 })
    expect(Result.isSuccess(whole) && whole.success).toEqual({ channelId: "2272655", page: "2" })
  })
})
