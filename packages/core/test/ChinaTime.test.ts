import { afterEach, describe, expect, it } from "@effect/vitest"
import { ChinaTime } from "../src/index.js"

// Hand-computed instants: China time is UTC+8, so China midnight of 2022-05-02 is 16:00 UTC on 05-01.
const may2Midnight = Date.UTC(2022, 4, 1, 16, 0, 0)

describe("ChinaTime.format", () => {
  it.each([
    [may2Midnight, "2022-05-02", "2022-05-02 00:00:00"],
    [Date.UTC(2022, 4, 1, 15, 59, 59), "2022-05-01", "2022-05-01 23:59:59"],
    [Date.UTC(2022, 4, 1, 15, 59, 59, 999), "2022-05-01", "2022-05-01 23:59:59"],
    [0, "1970-01-01", "1970-01-01 08:00:00"],
    [Date.UTC(2021, 11, 31, 16, 0, 0), "2022-01-01", "2022-01-01 00:00:00"],
    [Date.UTC(2024, 1, 28, 16, 0, 0), "2024-02-29", "2024-02-29 00:00:00"],
    // Page 003's example startTime and page 004's example timestamp.
    [1632672000000, "2021-09-27", "2021-09-27 00:00:00"],
    [1652411923329, "2022-05-13", "2022-05-13 11:18:43"],
    // Page 001's yunduo example statAt.
    [1629166440000, "2021-08-17", "2021-08-17 10:14:00"],
  ])("%i -> %s / %s", (ms, date, dateTime) => {
    expect(ChinaTime.formatDate(ms)).toBe(date)
    expect(ChinaTime.formatDateTime(ms)).toBe(dateTime)
  })

  it("pads small years, months, days and times", () => {
    expect(ChinaTime.formatDateTime(Date.UTC(999, 0, 2, 1, 2, 3) - 8 * 3600_000)).toBe("0999-01-02 01:02:03")
  })
})

describe("ChinaTime.parse", () => {
  it.each([
    ["2022-05-02", may2Midnight],
    ["2022-05-02 00:00:00", may2Midnight],
    ["2022-05-01 23:59:59", Date.UTC(2022, 4, 1, 15, 59, 59)],
    ["1970-01-01 08:00:00", 0],
    ["2024-02-29", Date.UTC(2024, 1, 28, 16)],
    ["2000-02-29 12:00:00", Date.UTC(2000, 1, 29, 4)],
  ])("%s -> %i", (text, ms) => {
    expect(ChinaTime.parse(text)).toBe(ms)
  })

  it("parseDate takes only yyyy-MM-dd", () => {
    expect(ChinaTime.parseDate("2022-05-02")).toBe(may2Midnight)
    expect(ChinaTime.parseDate("2022-05-02 00:00:00")).toBeUndefined()
  })

  it.each([
    "2022-02-30",
    "2022-02-29",
    "2023-02-29 00:00:00",
    "2100-02-29",
    "2022-04-31",
    "2022-13-01",
    "2022-00-10",
    "2022-05-00",
    "2022-05-32",
    "2022-05-01 24:00:00",
    "2022-05-01 23:60:00",
    "2022-05-01 23:59:60",
    "2022-5-1",
    "22-05-01",
    "2022/05/01",
    "2022-05-01T00:00:00",
    "2022-05-01 00:00",
    "2022-05-01 0:00:00",
    " 2022-05-01",
    "2022-05-01 ",
    "2022-05-01Z",
    "",
    "yesterday",
  ])("rejects %j", (text) => {
    expect(ChinaTime.parse(text)).toBeUndefined()
    expect(ChinaTime.parseDate(text)).toBeUndefined()
  })
})

describe("ChinaTime round trips", () => {
  // Instants on whole seconds over several years, including around midnight China time.
  const instants = [
    0,
    may2Midnight,
    may2Midnight - 1000,
    Date.UTC(2024, 1, 28, 16),
    Date.UTC(2030, 11, 31, 15, 59, 59),
    ...Array.from({ length: 50 }, (_, i) => 1_500_000_000_000 + i * 7_777_777_000),
  ]

  it("parse(formatDateTime(ms)) === ms on whole seconds", () => {
    for (const ms of instants) expect(ChinaTime.parse(ChinaTime.formatDateTime(ms)), String(ms)).toBe(ms)
  })

  it("formatDateTime(parse(text)) === text", () => {
    for (const text of ["2022-05-02 00:00:00", "1999-12-31 23:59:59", "2024-02-29 12:34:56"]) {
      expect(ChinaTime.formatDateTime(ChinaTime.parse(text)!)).toBe(text)
    }
  })

  it("parseDate(formatDate(ms)) is the start of ms's China day", () => {
    for (const ms of instants) expect(ChinaTime.parseDate(ChinaTime.formatDate(ms))).toBe(ChinaTime.startOfDay(ms))
  })
})

describe("ChinaTime.startOfDay", () => {
  it.each([
    [may2Midnight, may2Midnight],
    [may2Midnight + 1, may2Midnight],
    [may2Midnight + 86_399_999, may2Midnight],
    [may2Midnight + 86_400_000, may2Midnight + 86_400_000],
    [may2Midnight - 1, may2Midnight - 86_400_000],
    // 07:59 UTC is 15:59 China time, same China day as 00:00 UTC.
    [Date.UTC(2022, 4, 2, 7, 59), may2Midnight],
    // Before 1970: -1 ms is 1970-01-01 07:59:59.999 China time.
    [-1, Date.UTC(1969, 11, 31, 16)],
    [Date.UTC(1960, 5, 15, 20), Date.UTC(1960, 5, 15, 16)],
  ])("startOfDay(%i) === %i", (ms, start) => {
    expect(ChinaTime.startOfDay(ms)).toBe(start)
  })

  it("formats as midnight", () => {
    expect(ChinaTime.formatDateTime(ChinaTime.startOfDay(1652411923329))).toBe("2022-05-13 00:00:00")
  })
})

describe("ChinaTime does not depend on the host time zone", () => {
  const original = process.env.TZ
  afterEach(() => {
    if (original === undefined) delete process.env.TZ
    else process.env.TZ = original
  })

  it.each(["UTC", "America/New_York", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"])(
    "in %s",
    (tz) => {
      process.env.TZ = tz
      // The host zone did change (so a local-time getter would give other answers).
      const expectedOffset = {
        UTC: 0,
        "America/New_York": 240,
        "Asia/Shanghai": -480,
        "Pacific/Kiritimati": -840,
        "Pacific/Pago_Pago": 660,
        "Europe/London": -60,
      }[tz]
      expect(new Date(may2Midnight).getTimezoneOffset()).toBe(expectedOffset)

      expect(ChinaTime.formatDateTime(may2Midnight)).toBe("2022-05-02 00:00:00")
      expect(ChinaTime.formatDate(may2Midnight - 1)).toBe("2022-05-01")
      expect(ChinaTime.formatDateTime(1652411923329)).toBe("2022-05-13 11:18:43")
      expect(ChinaTime.parse("2022-05-02")).toBe(may2Midnight)
      expect(ChinaTime.parse("2022-05-01 23:59:59")).toBe(may2Midnight - 1000)
      expect(ChinaTime.parse("2022-02-30")).toBeUndefined()
      expect(ChinaTime.startOfDay(may2Midnight + 5 * 3600_000)).toBe(may2Midnight)
    },
  )
})
