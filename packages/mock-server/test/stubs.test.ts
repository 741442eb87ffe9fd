/**
 * Stubs: answers a test chooses, checked against the contract when made, after Polyv's own checks.
 * The failures a stub can give are compared with the pages' own JSON examples in spec/seeds/.
 */
import { ApiFailures, Contract } from "@polyv-stats/core"
import { describe, expect, it } from "vitest"
import { jsonExamples } from "../../../spec/seedPages.js"
import { PolyvMock } from "../src/index.js"
import { client, now, signed } from "./support.js"

const start = (options: ConstructorParameters<typeof PolyvMock>[0] = {}) => {
  const mock = new PolyvMock({ seed: "stubs", now, clock: () => now, ...options })
  const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
  const channel = mock.world.channels[1]!
  return { mock, http, channelId: channel.channelId, channel }
}

describe("a stub", () => {
  it("answers data in place of the world, once, then the world answers again", async () => {
    const { mock, http, channelId } = start()
    const stub = mock.stub({
      endpoint: Contract.byName.liveDurations,
      answers: [{ data: [{ channelId, duration: 42 }] }],
    })
    const first = await http.get(Contract.liveDurations.path, signed({ channelIds: channelId }))
    expect(first.json).toEqual({
      code: 200,
      status: "success",
      message: "",
      data: [{ channelId: Number(channelId), duration: 42 }],
    })
    const second = await http.get(Contract.liveDurations.path, signed({ channelIds: channelId }))
    expect((second.json.data as Array<{ duration: number }>)[0]!.duration).not.toBe(42)
    expect(stub.used()).toBe(1)
    const calls = mock.calls(Contract.byName.liveDurations)
    expect(calls.map((c) => [c.by, c.outcome.stub])).toEqual([["stub", stub.id], ["world", undefined]])
  })
})
