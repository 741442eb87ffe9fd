/**
 * Dump → load: a seeded world written out and loaded back answers every endpoint with the same
 * bytes, over many seeds and sizes (the same signed requests to both mocks, in the same order, so
 * v4 request IDs, which follow from seed and count, are equal too).
 */
import { ChinaTime, Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { PolyvMock } from "../src/index.js"
import { signed } from "./support.js"

const day = 86_400_000
const paths = Contract.byName

/** The requests that look at every part of a world: each channel's list, durations, peaks, minutes, reports. */
const requestsFor = (mock: PolyvMock, at: number): Array<[string, Record<string, string>]> => {
  const { world } = mock
  const ids = world.channels.map((c) => c.channelId)
  const requests: Array<[string, Record<string, string>]> = [
    [paths.liveDurations.path, { channelIds: ids.join(",") }],
    [paths.micHistory.path, {}],
    [paths.micHistory.path, { startTime: String(at - 200 * day), endTime: String(at) }],
    [paths.yunduoSummary.path, {
      users: world.users.join(","),
      start: ChinaTime.formatDate(at - 90 * day),
      end: ChinaTime.formatDate(at),
    }],
    [paths.sessionList.path, { channelId: "999", page: "1" }],
  ]
  for (const channel of world.channels) {
    requests.push([paths.sessionList.path, { channelId: channel.channelId, page: "1", pageSize: "100" }])
    requests.push([paths.sessionList.path, {
      channelId: channel.channelId,
      startDate: ChinaTime.formatDateTime(at - 120 * day),
      endDate: ChinaTime.formatDateTime(at - 60 * day),
      pageSize: "7",
      page: "2",
    }])
    const sessions = world.sessions(channel)
    for (const session of [sessions[0]!, sessions.at(-1)!]) {
      // Three polls: "not ready" twice, then the link (for an ended session).
      for (let poll = 0; poll < 3; poll++) {
        requests.push([paths.exportReport.path, { channelId: channel.channelId, sessionId: session.sessionId }])
      }
    }
  }
  return requests
}

describe("a dumped world loaded back", () => {
  it("answers all five endpoints byte for byte as the seeded one, over many seeds", async () => {
    const endpointsSeen = new Set<string>()
    for (let i = 0; i < 24; i++) {
      const at = Date.parse("2026-03-01T00:00:00Z") + i * 7 * day + i * 3_600_123
      const seed = `round-trip-${i}`
      const clock = () => at
      const seeded = new PolyvMock({
        seed,
        clock,
        size: {
          channels: 1 + (i % 4),
          sessionsPerChannel: 5 + ((i * 13) % 60),
          historyDays: i % 3 === 0 ? 90 : undefined,
        },
      })
      const loaded = new PolyvMock({ seed, clock, world: JSON.parse(JSON.stringify(seeded.dumpWorld())) })
      for (const [path, params] of requestsFor(seeded, at)) {
        const query = new URLSearchParams(signed(params, {}, at))
        const [a, b] = await Promise.all(
          [seeded, loaded].map(async (mock) => {
            const response = await mock.fetch(`http://mock.test${path}?${query}`)
            return `${response.status} ${await response.text()}`
          }),
        )
        expect(b, `${seed} ${path} ${query}`).toBe(a)
        if (a.startsWith("200")) endpointsSeen.add(path)
      }
    }
    // Every endpoint answered with data somewhere, not only with refusals.
    expect([...endpointsSeen].toSorted()).toEqual(Contract.endpoints.map((e) => e.path).toSorted())
  })
})
