/**
 * The world file's checks: a bad file is refused whole, each problem with its path; every world
 * the mock generates passes them, and dumps to the same bytes once loaded back.
 */
import { Contract } from "@polyv-stats/core"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import {
  decodeWorldWithStubs,
  PolyvMock,
  worldBuilder,
  WorldFile,
  WorldFileError,
  worldJsonSchema,
} from "../src/index.js"
import { polyvExamples } from "../src/world/PolyvExamples.js"
import { client, now as signedAt, signed } from "./support.js"

const now = 1652411923329
const session = { sessionId: "g9lv2ghv2x", startTime: 1652062574000, endTime: 1652062643000 }
const good = {
  now,
  users: ["1b448be323"],
  channels: [{ channelId: "2272655", userId: "1b448be323", sessions: [session] }],
}
const problemsOf = (input: unknown) => {
  const decoded = WorldFile.decodeWorldFile(input)
  return decoded._tag === "Problems" ? decoded.problems : []
}

describe("a world file", () => {
  it("that is sound decodes as it is (its now, a clock, may name any millisecond)", () => {
    expect(now % 1000).not.toBe(0)
    expect(WorldFile.decodeWorldFile(good)).toEqual({ _tag: "World", world: good })
  })

  it("with sessions that only touch passes in either order (a zero-length one, then one from the same instant)", () => {
    const t = 1652062574000
    const touching = [
      { sessionId: "a", startTime: t, endTime: t },
      { sessionId: "b", startTime: t, endTime: t + 10_000 },
    ]
    for (const sessions of [touching, touching.toReversed()]) {
      expect(problemsOf({ ...good, channels: [{ ...good.channels[0]!, sessions }] })).toEqual([])
    }
    expect(WorldFile.decodeWorldFile(polyvExamples)._tag).toBe("World")
  })

  it.each([
    ["not an object", 5, ["(file): Expected object, got 5"]],
    ["without users", { channels: [] }, ["users: Missing key"]],
    ["with wrong types, bad IDs and an unknown key", {
      users: ["bad user!"],
      channels: [{
        channelId: "12a",
        userId: 3,
        sessions: [{ sessionId: "x", startTime: 12, endTime: "later", extra: 1 }],
      }],
    }, [
      `users[0]: Expected a user ID of letters, digits, _ and -, got "bad user!"`,
      `channels[0].channelId: Expected a channel ID made of digits, got "12a"`,
      "channels[0].userId: Expected string, got 3",
      "channels[0].sessions[0].extra: Unexpected key",
      "channels[0].sessions[0].startTime: Expected a 13-digit millisecond timestamp (1000000000000 to 9999999999999), got 12",
      `channels[0].sessions[0].endTime: Expected number | null, got "later"`,
    ]],
    // Polyv records sessions to the second; `now`, a clock, may name any millisecond.
    ["with a session instant between seconds", {
      ...good,
      channels: [{
        ...good.channels[0]!,
        sessions: [{ ...session, startTime: session.startTime + 500, peakAt: session.endTime - 1 }, {
          sessionId: "second",
          startTime: session.endTime + 60_000,
          endTime: session.endTime + 120_001,
        }],
      }],
    }, [
      `channels[0].sessions[0].startTime: Expected a whole second (a timestamp ending in 000), got ${
        session.startTime + 500
      }`,
      `channels[0].sessions[0].peakAt: Expected a whole second (a timestamp ending in 000), got ${session.endTime - 1}`,
      `channels[0].sessions[1].endTime: Expected a whole second (a timestamp ending in 000), got ${
        session.endTime + 120_001
      }`,
    ]],
    ["with a secret of the wrong type (never quoted)", { ...good, appSecret: 123456 }, ["appSecret: Expected string"]],
    // A misspelt key is unexpected, and its value is still the secret: never quoted back.
    ["with the secret under a misspelt key (never quoted)", { ...good, AppSecret: "Sup3rSecretValue" }, [
      "AppSecret: Unexpected key",
    ]],
    ["whose fields disagree", {
      now,
      users: ["u1", "u1"],
      reports: {},
      channels: [
        {
          channelId: "01",
          userId: "u2",
          sessions: [
            { sessionId: "a", startTime: 1652062574000, endTime: 1652062500000 },
            {
              sessionId: "a",
              startTime: 1652062600000,
              endTime: null,
              peakAt: 1652062000000,
              report: { polls: 1, seconds: 2 },
            },
            { sessionId: "b", startTime: 1752062600000, endTime: 1752062700000, peakAt: 1752062800000 },
          ],
        },
        { channelId: "01", userId: "u1", sessions: [] },
      ],
    }, [
      "users[1]: u1 is also users[0]",
      "reports: give polls or seconds, one of the two; got {}",
      "channels[1].channelId: 01 is also channels[0]'s",
      "channels[0].userId: u2 is not one of users",
      "channels[0].sessions[1].sessionId: a is also sessions[0]'s",
      "channels[0].sessions[0].endTime: before startTime",
      "channels[0].sessions[1].peakAt: outside the session (startTime 1652062600000 to endTime live)",
      `channels[0].sessions[1].report: give polls or seconds, one of the two; got {"polls":1,"seconds":2}`,
      "channels[0].sessions[2].peakAt: outside the session (startTime 1752062600000 to endTime 1752062700000)",
      "channels[0].sessions[2].startTime: after now (1652411923329)",
      "channels[0].sessions[2].endTime: after now (1652411923329); a session still live has endTime null",
      "channels[0].sessions[2].peakAt: after now (1652411923329)",
      "channels[0].sessions[2]: overlaps sessions[1] (a channel has one session at a time)",
    ]],
    ["with no user", { users: [], channels: [] }, ["users: empty; give at least one (the first is the account's own)"]],
  ])("%s is refused, every problem named with its path", (_, input, problems) => {
    expect(problemsOf(input)).toEqual(problems)
  })

  it("is refused whole by the mock, the builder and the option, naming every problem", () => {
    const bad = { ...good, channels: [{ ...good.channels[0]!, userId: "nobody" }] }
    expect(() => new PolyvMock({ world: bad })).toThrow(
      new WorldFileError({ problems: ["channels[0].userId: nobody is not one of users"], source: "the world option" }),
    )
    const built = () => worldBuilder({ now }).user("u1").channel("2272655", "u2").build()
    expect(built).toThrow(/the built world is refused, 1 problem:\n {2}channels\[0\]\.userId: u2 is not one of users/)
    // The size a generated world took as `world` before `size` existed is named, not misread.
    expect(() => new PolyvMock({ world: { channels: 3 } as never })).toThrow(/the size option/)
    expect(() => new PolyvMock({ world: "nope" as never })).toThrow(/built-in worlds are polyv-examples/)
  })

  it("made with the builder is the file written by hand", () => {
    const built = worldBuilder({ now }).user("1b448be323").session("2272655", session).build()
    expect(built).toEqual(good)
  })

  it("dumped from any seeded world passes every check, and loads back to the same dump", () => {
    for (let i = 0; i < 40; i++) {
      const seeded = new PolyvMock({
        seed: `dump-${i}`,
        now: now + i * 86_400_000,
        clock: () => now + i * 86_400_000,
        size: {
          channels: 1 + (i % 5),
          sessionsPerChannel: 1 + ((i * 7) % 40),
          historyDays: i % 2 === 0 ? undefined : 30,
        },
      })
      const dumped = seeded.dumpWorld()
      expect(problemsOf(dumped), `seed dump-${i}`).toEqual([])
      const loaded = new PolyvMock({ world: JSON.parse(JSON.stringify(dumped)), clock: () => now + i * 86_400_000 })
      expect(JSON.stringify(loaded.dumpWorld())).toBe(JSON.stringify(dumped))
    }
  })
})

describe("world.schema.json", () => {
  it("is the JSON Schema generated from the world file's schema, as committed and shipped", () => {
    const committed = readFileSync(new URL("../world.schema.json", import.meta.url), "utf8")
    expect(committed).toBe(`${JSON.stringify(worldJsonSchema(), null, 2)}\n`)
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    expect(pkg.files).toContain("world.schema.json")
    expect(pkg.exports["./world.schema.json"]).toBe("./world.schema.json")
  })

  it("describes what the schema checks field by field (ID patterns from the contract, instants, no unknown key)", () => {
    const schema = WorldFile.jsonSchema() as any
    const record = schema.properties.channels.items.properties.sessions.items
    expect(schema.properties.channels.items.properties.channelId.pattern).toBe(
      Contract.WireTypes.channelIdPattern.source,
    )
    expect(record.properties.sessionId.pattern).toBe(Contract.WireTypes.sessionIdPattern.source)
    expect(record.properties.startTime).toMatchObject({
      type: "integer",
      minimum: 1_000_000_000_000,
      maximum: 9_999_999_999_999,
    })
    expect(record.properties.peakAt).toMatchObject({
      multipleOf: 1000,
      description: "when the peak happened, within the session, whole seconds; default startTime",
    })
    // Two checks' descriptions end up apart, in an `allOf` editors do not show: none in the
    // shipped schema's channels (its stubs' match fields still have some, from the contract).
    const shipped = worldJsonSchema() as any
    expect(shipped.properties.channels.items.properties.sessions.items.properties.peakAt.description)
      .toContain("when the peak happened")
    expect(JSON.stringify(shipped.properties.channels)).not.toContain("allOf")
    expect(JSON.stringify(schema)).not.toContain("allOf")
    expect(record.required).toEqual(["sessionId", "startTime", "endTime"])
    expect(record.additionalProperties).toBe(false)
    expect(schema.required).toEqual(["users", "channels"])
  })
})

describe("a world file's stubs", () => {
  const file = () => worldBuilder({ now: signedAt }).user("u1").channel("7", "u1").build()

  it("are made with the world, before the stubs option's, and answer after the signing checks", async () => {
    const world = {
      ...file(),
      stubs: [{ endpoint: "micHistory", name: "from-file", answers: [{ failure: "RateLimited" }] }],
    }
    const mock = new PolyvMock({
      world: world as never,
      clock: () => signedAt,
      stubs: [{ endpoint: Contract.micHistory, name: "from-option", answers: [{ failure: "ServerError" }] }],
    })
    expect(mock.stubs.list().map((s) => s.id)).toEqual(["from-file", "from-option"])
    const http = client({ fetch: mock.fetch as typeof fetch, base: "http://mock.test" })
    const unsigned = await http.get(Contract.micHistory.path, { ...signed({}), sign: "0".repeat(32) })
    expect(unsigned.json.code).not.toBe(Contract.micHistory.errorCodes.RateLimited) // the signature check answered
    // The newest stub wins: the option's, then the file's.
    expect((await http.get(Contract.micHistory.path, signed({}))).json.code).toBe(
      Contract.micHistory.errorCodes.ServerError,
    )
    expect((await http.get(Contract.micHistory.path, signed({}))).json.code).toBe(
      Contract.micHistory.errorCodes.RateLimited,
    )
  })

  it("are refused with the world: every problem of both, each with its path", () => {
    const world = {
      ...file(),
      users: ["u1", "u1"],
      stubs: [{ endpoint: "liveDurations", answers: [{ data: [{ duration: "long", channelId: 7 }] }] }, {
        endpoint: "nope",
      }],
    }
    const decoded = decodeWorldWithStubs(world)
    expect(decoded._tag).toBe("Problems")
    const problems = decoded._tag === "Problems" ? decoded.problems : []
    expect(problems.some((p) => p.startsWith("users[1]: "))).toBe(true)
    expect(problems.some((p) => p.startsWith("stubs[0].answers[0].data[0].duration: "))).toBe(true)
    expect(problems.some((p) => p.startsWith("stubs[1].endpoint: "))).toBe(true)
    expect(() => new PolyvMock({ world: world as never })).toThrow(WorldFileError)
  })

  it("are described in the editors' schema by the stubs' own schema", () => {
    const schema = worldJsonSchema() as any
    const kinds = schema.properties.stubs.items.anyOf.map((s: any) => s.properties.endpoint.enum[0])
    expect(kinds).toEqual(Contract.endpoints.map((e) => e.name))
  })
})

describe("files built to break the checker", () => {
  it("keeps every problem, and its message shows the first hundred", () => {
    const sessions = Array.from(
      { length: 1000 },
      (_, i) => ({ sessionId: `s${i}`, startTime: 1652062574000, endTime: 1652062000000 }),
    )
    const decoded = WorldFile.decodeWorldFile({ users: ["u1"], channels: [{ channelId: "7", userId: "u1", sessions }] })
    expect(decoded._tag).toBe("Problems")
    const problems = decoded._tag === "Problems" ? decoded.problems : []
    expect(problems.length).toBeGreaterThanOrEqual(1000)
    const message = new WorldFileError({ problems, source: "w.json" }).message
    expect(message.split("\n")).toHaveLength(1 + WorldFile.problemsShown + 1)
    expect(message).toMatch(new RegExp(`… and ${problems.length - WorldFile.problemsShown} more`))
  })

  it("refuses stubs nested deeper than the decoder's stack as a problem; quotes a huge refused value shortly", () => {
    let deep: unknown = 1
    for (let i = 0; i < 200_000; i++) deep = [deep]
    const quoted = WorldFile.decodeWorldFile({ users: deep, channels: [], appId: "x".repeat(100_000) })
    expect(quoted._tag === "Problems" && quoted.problems.every((p) => p.length <= WorldFile.problemLength)).toBe(true)
    const withStubs = decodeWorldWithStubs({
      users: ["u1"],
      channels: [],
      stubs: [{ endpoint: "micHistory", answers: deep }],
    })
    expect(withStubs._tag).toBe("Problems")
    expect(withStubs._tag === "Problems" && withStubs.problems.every((p) => p.startsWith("stubs[0]"))).toBe(true)
  })
})
