/**
 * What a world file's schema cannot see field by field: the checks that compare fields. Each
 * problem names its path, so a file is fixed in one pass. They keep a written world to what a
 * generated one guarantees (and what the endpoints rely on): sessions of a channel one at a time,
 * each end after its start, each peak within its session, IDs that name one thing, owners that are
 * users, nothing after `now`.
 *
 * @module
 */
import type { ReportReadiness, SessionRecord, WorldFile } from "./WorldFile.js"

export interface Problem {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/** Where each value was first seen; the later ones are problems naming the first. */
const firstSeen = <A>(
  items: ReadonlyArray<A>,
  key: (item: A) => string,
  problem: (item: A, index: number, first: number) => Problem,
): Array<Problem> => {
  const seen = new Map<string, number>()
  const problems: Array<Problem> = []
  items.forEach((item, i) => {
    const first = seen.get(key(item))
    if (first === undefined) seen.set(key(item), i)
    else problems.push(problem(item, i, first))
  })
  return problems
}

const readiness = (path: ReadonlyArray<string | number>, r: ReportReadiness | undefined): Array<Problem> =>
  r === undefined || (r.polls === undefined) !== (r.seconds === undefined)
    ? []
    : [{ path, message: `give polls or seconds, one of the two; got ${JSON.stringify(r)}` }]

const sessionProblems = (
  at: ReadonlyArray<string | number>,
  s: SessionRecord,
  now: number | undefined,
): Array<Problem> => {
  const problems: Array<Problem> = []
  const field = (name: string, message: string) => problems.push({ path: [...at, name], message })
  if (s.endTime !== null && s.endTime < s.startTime) field("endTime", "before startTime")
  if (s.peakAt !== undefined && (s.peakAt < s.startTime || (s.endTime !== null && s.peakAt > s.endTime))) {
    field("peakAt", `outside the session (startTime ${s.startTime} to endTime ${s.endTime ?? "live"})`)
  }
  if (now !== undefined) {
    if (s.startTime > now) field("startTime", `after now (${now})`)
    if (s.endTime !== null && s.endTime > now) {
      field("endTime", `after now (${now}); a session still live has endTime null`)
    }
    if (s.peakAt !== undefined && s.peakAt > now) field("peakAt", `after now (${now})`)
  }
  addAll(problems, readiness([...at, "report"], s.report))
  return problems
}

/** Sessions of one channel overlapping another (a channel streams one session at a time; a live one last). */
const overlaps = (at: ReadonlyArray<string | number>, sessions: ReadonlyArray<SessionRecord>): Array<Problem> => {
  // By start, then by end (a live one last): sessions that only touch pass in any file order.
  const end = (s: SessionRecord) => s.endTime ?? Number.POSITIVE_INFINITY
  const order = sessions.map((_, i) => i).toSorted((a, b) =>
    sessions[a]!.startTime - sessions[b]!.startTime || Math.sign(end(sessions[a]!) - end(sessions[b]!)) || 0
  )
  const problems: Array<Problem> = []
  for (let k = 1; k < order.length; k++) {
    const before = sessions[order[k - 1]!]!
    const after = order[k]!
    if (before.endTime === null || before.endTime > sessions[after]!.startTime) {
      problems.push({
        path: [...at, after],
        message: `overlaps sessions[${order[k - 1]}] (a channel has one session at a time)`,
      })
    }
  }
  return problems
}

/** Appends one by one: a spread of 100 000 problems would overflow the stack. */
const addAll = (into: Array<Problem>, more: ReadonlyArray<Problem>): void => {
  for (const problem of more) into.push(problem)
}

/** Every problem of a world file that decoded, in the file's order; none when it is sound. */
export const checkWorld = (world: WorldFile): ReadonlyArray<Problem> => {
  const problems: Array<Problem> = []
  if (world.users.length === 0) {
    problems.push({ path: ["users"], message: "empty; give at least one (the first is the account's own)" })
  }
  addAll(
    problems,
    firstSeen(world.users, (u) => u, (u, i, first) => ({
      path: ["users", i],
      message: `${u} is also users[${first}]`,
    })),
  )
  addAll(problems, readiness(["reports"], world.reports))
  const users = new Set(world.users)
  addAll(
    problems,
    firstSeen(world.channels, (c) => c.channelId, (c, i, first) => ({
      path: ["channels", i, "channelId"],
      message: `${c.channelId} is also channels[${first}]'s`,
    })),
  )
  world.channels.forEach((channel, c) => {
    const at = ["channels", c]
    if (!users.has(channel.userId)) {
      problems.push({ path: [...at, "userId"], message: `${channel.userId} is not one of users` })
    }
    const sessionsAt = [...at, "sessions"]
    addAll(
      problems,
      firstSeen(channel.sessions, (s) => s.sessionId, (s, i, first) => ({
        path: [...sessionsAt, i, "sessionId"],
        message: `${s.sessionId} is also sessions[${first}]'s`,
      })),
    )
    channel.sessions.forEach((s, i) => addAll(problems, sessionProblems([...sessionsAt, i], s, world.now)))
    addAll(problems, overlaps(sessionsAt, channel.sessions))
  })
  return problems
}
