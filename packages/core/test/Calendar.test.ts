import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { Calendar, ChinaTime } from "../src/index.js"

// The oracle for a month's length is JavaScript's own rollover: day 0 of the next month.
const monthLength = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

const year = fc.integer({ min: 1000, max: 9999 })
const month = fc.integer({ min: 1, max: 12 })
const time = fc.tuple(
  fc.integer({ min: 0, max: 23 }),
  fc.integer({ min: 0, max: 59 }),
  fc.integer({ min: 0, max: 59 }),
  fc.integer({ min: 0, max: 999 }),
)
const pad = (n: number, width = 2) => String(n).padStart(width, "0")

describe("Calendar.utcMillis", () => {
  it("is Date.UTC for every date that exists", () => {
    fc.assert(
      fc.property(year, month, fc.integer({ min: 1, max: 31 }), time, (y, m, d, [h, mi, s, ms]) => {
        fc.pre(d <= monthLength(y, m))
        expect(Calendar.utcMillis(y, m, d, h, mi, s, ms)).toBe(Date.UTC(y, m - 1, d, h, mi, s, ms))
      }),
    )
  })

  it("refuses every day past the end of its month instead of rolling over", () => {
    fc.assert(
      fc.property(year, month, fc.integer({ min: 29, max: 31 }), (y, m, d) => {
        fc.pre(d > monthLength(y, m))
        expect(Calendar.utcMillis(y, m, d)).toBeUndefined()
      }),
    )
  })

  it.each([
    [2026, 2, 30],
    [2023, 2, 29],
    [2100, 2, 29],
    [2026, 4, 31],
    [2026, 13, 1],
    [2026, 0, 1],
    [2026, 1, 0],
  ])("refuses %i-%i-%i", (y, m, d) => {
    expect(Calendar.utcMillis(y, m, d)).toBeUndefined()
  })

  it("refuses times of day that do not exist, and reads the years 0–99 as such", () => {
    expect(Calendar.utcMillis(2026, 1, 1, 24)).toBeUndefined()
    expect(Calendar.utcMillis(2026, 1, 1, 23, 60)).toBeUndefined()
    expect(Calendar.utcMillis(2026, 1, 1, 23, 59, 60)).toBeUndefined()
    expect(Calendar.utcMillis(2000, 2, 29)).toBe(Date.UTC(2000, 1, 29))
    expect(new Date(Calendar.utcMillis(50, 1, 1)!).getUTCFullYear()).toBe(50)
  })
})

describe("Calendar.parseIsoInstant", () => {
  it("reads back every instant's toISOString", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(Calendar.parseIsoInstant(new Date(ms).toISOString())).toBe(ms)
      }),
    )
  })

  it("agrees with Date.parse on existing dates, in any zone offset", () => {
    const offset = fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45))
    fc.assert(
      fc.property(year, month, fc.integer({ min: 1, max: 28 }), time, offset, (y, m, d, [h, mi, s], [sign, oh, om]) => {
        const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(oh)}:${pad(om)}`
        expect(Calendar.parseIsoInstant(text)).toBe(Date.parse(text))
      }),
    )
  })

  it.each([
    "2026-02-30T00:00:00Z",
    "2023-02-29T12:00:00Z",
    "2026-04-31T00:00:00+08:00",
    "2026-01-15T24:00:00Z",
    "2026-01-15T08:60Z",
    "2026-01-15T08:00:00+24:00",
    "2026-01-15T08:00:00+08:60",
    "2026-01-15T08:00:00",
    "2026-01-15",
    "2026-01-15 08:00:00Z",
    "yesterday",
    "",
  ])("refuses %j", (text) => {
    expect(Calendar.parseIsoInstant(text)).toBeUndefined()
  })

  it.each([
    ["2026-01-15T08:00Z", Date.UTC(2026, 0, 15, 8)],
    ["2026-01-15T16:00:00+08:00", Date.UTC(2026, 0, 15, 8)],
    ["2026-01-15T08:00:00.5Z", Date.UTC(2026, 0, 15, 8, 0, 0, 500)],
    ["2024-02-29T00:00:00-05:30", Date.UTC(2024, 1, 29, 5, 30)],
  ])("reads %s", (text, ms) => {
    expect(Calendar.parseIsoInstant(text)).toBe(ms)
  })
})

describe("ChinaTime reads dates through the same check", () => {
  it("refuses what Calendar refuses, for dates and date-times", () => {
    fc.assert(
      fc.property(year, month, fc.integer({ min: 29, max: 31 }), (y, m, d) => {
        const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`
        const exists = d <= monthLength(y, m)
        expect(ChinaTime.parseDate(date) !== undefined).toBe(exists)
        expect(ChinaTime.parse(`${date} 12:00:00`) !== undefined).toBe(exists)
      }),
    )
  })
})
