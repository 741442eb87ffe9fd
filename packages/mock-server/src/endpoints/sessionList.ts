/**
 * Page 004. The window: both dates given, at most 60 days apart; one given, the other 60 days
 * away (capped at now); none, the 60 days ending now. A session belongs to the window when its
 * start second lies within it, both ends included — a bare `endDate` date means that day's
 * 00:00:00, which leaves the rest of that day out, as the page says.
 *
 * @module
 */
import { ApiFailures, Contract, SessionWindows } from "@polyv-stats/core"
import { Schema } from "effect"
import { data, failure } from "../protocol/Outcome.js"
import { extended, type History, listedFieldsAt } from "../world/History.js"
import type { BodyWriter, Handler } from "./EndpointContext.js"
import { paginateIndexes } from "./Paging.js"

const { sessionList } = Contract
const { maxSpan: span } = SessionWindows
const seconds = (ms: number) => Math.floor(ms / 1000)

export const handleSessionList: Handler<typeof sessionList> = (params, { world, now }) => {
  const channel = world.channel(params.channelId)
  if (!channel) return failure("IllegalChannelId", ApiFailures.messageOf("IllegalChannelId", params.channelId))

  const start = params.startDate?.getTime()
  const end = params.endDate?.getTime()
  const to = end ?? (start === undefined ? now : Math.max(start, Math.min(start + span, now)))
  const from = start ?? to - span
  if (from > to || to - from > span) return failure("ParamValidateError", ApiFailures.messageOf("ParamValidateError"))

  // Sessions are newest first with strictly decreasing starts: the window is one run of them,
  // found by binary search (a channel may hold 100 000 sessions; a stream reads it page by page).
  const h = world.history(channel)
  const first = firstIndex(h.startTime, (t) => seconds(t) <= seconds(to))
  const past = firstIndex(h.startTime, (t) => seconds(t) < seconds(from))
  const listed = listedOf(h)
  const contentsUtf8: Array<Uint8Array> = []
  const page = paginateIndexes(
    first,
    Math.max(first, past),
    params.page ?? Contract.defaultPage,
    params.pageSize ?? Contract.defaultPageSize,
    (i) => {
      const { utf8, session } = listed(i)
      contentsUtf8.push(utf8)
      return session
    },
  )
  // The page was made just now for this answer: it can take its sessions' JSON along, under a
  // symbol, which JSON leaves out.
  const listedPage: ListedPage = Object.assign(page, { [contentsUtf8Key]: contentsUtf8 })
  return data(listedPage)
}

const contentsUtf8Key = Symbol("contentsUtf8")

/** A page as the handler answers it: the contract's page, and the JSON of each of its sessions. */
interface ListedPage extends Contract.SessionPage {
  readonly [contentsUtf8Key]: ReadonlyArray<Uint8Array>
}

/** The page's field that holds the sessions: the one part of the body written from each session's JSON. */
const contentsField = "contents" satisfies keyof Contract.SessionPage
const emptyContents = JSON.stringify({ [contentsField]: [] }).slice(1, -1)
const encodePage = Schema.encodeSync(sessionList.data)

/**
 * The session list's body: the contract-encoded page without its sessions (its frame), and the
 * sessions' JSON (made once per listed session, as UTF-8) where its empty `contents` was — the
 * bytes `JSON.stringify` of the whole answer gives, without encoding, stringifying and converting
 * 20 sessions on every request.
 */
export const writeSessionListBody: BodyWriter<typeof sessionList> = (page, envelope) => {
  const { before, after } = frameOf(page, envelope)
  const sessions = (page as Partial<ListedPage>)[contentsUtf8Key] ?? page.contents.map(sessionUtf8)
  let length = before.length + after.length + Math.max(sessions.length - 1, 0)
  for (const session of sessions) length += session.length
  const body = Buffer.allocUnsafe(length)
  body.set(before)
  let offset = before.length
  for (let i = 0; i < sessions.length; i++) {
    if (i > 0) body[offset++] = comma
    body.set(sessions[i]!, offset)
    offset += sessions[i]!.length
  }
  body.set(after, offset)
  return body
}

/** A page's JSON in the envelope, cut where its sessions go. */
interface Frame {
  readonly envelope: (wire: unknown) => unknown
  readonly page: Contract.SessionPage
  readonly before: Uint8Array
  readonly after: Uint8Array
}

/** The page's fields but its sessions: two pages that agree on them have the same frame. */
const frameFields = Object.keys(sessionList.data.fields).filter((name) => name !== contentsField) as ReadonlyArray<
  keyof typeof sessionList.data.fields
>

/**
 * Whether every one of them is a plain number or boolean (Polyv's are all integers and booleans):
 * those encode to themselves, so the page can be written as it is instead of running the encoder
 * on every frame.
 */
const encodesToItself = frameFields.every((name) => {
  const { ast } = sessionList.data.fields[name]
  return (ast._tag === "Number" || ast._tag === "Boolean") && ast.encoding === undefined
})

/**
 * The last frame made. A load test asks for the same page again and again, and its frame is
 * reused while the envelope (v3's is one function; a v4 one is made per request) and every field
 * but the sessions stay the same; a stream's pages all differ and make their own.
 */
let lastFrame: Frame | undefined

const frameOf = (page: Contract.SessionPage, envelope: (wire: unknown) => unknown): Frame => {
  const last = lastFrame
  if (last?.envelope === envelope && frameFields.every((name) => last.page[name] === page[name])) return last
  // A page's other fields are numbers and booleans, and the envelope's are fixed: the empty
  // `contents` is the only one in the JSON.
  const empty = Object.assign({}, page, { contents: [] }) // not a spread: see `extended`
  const around = JSON.stringify(envelope(encodesToItself ? empty : encodePage(empty)))
  const at = around.indexOf(emptyContents) + emptyContents.length - 1
  return lastFrame = {
    envelope,
    page,
    before: Buffer.from(around.slice(0, at)),
    after: Buffer.from(around.slice(at)),
  }
}

const comma = 0x2c

/** The first index where `past` holds, in an array where it holds from some index on; else the length. */
const firstIndex = (items: Float64Array, past: (item: number) => boolean): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (past(items[mid]!)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Listed sessions kept per history, at most this many. */
export const listedCacheSize = 256

const encodeSession = Schema.encodeSync(Contract.Session)
const sessionUtf8 = (session: Contract.Session): Uint8Array => Buffer.from(JSON.stringify(encodeSession(session)))

interface Listed {
  /** The session's index in its history. */
  readonly index: number
  readonly session: Contract.Session
  readonly utf8: Uint8Array
}

/**
 * A session of a history as the list shows it, with its JSON. The ones made last are kept (a
 * bounded number per history: a load test asks for the same page again and again, while a stream
 * of 100 000 sessions passes through), in a ring indexed by the session's index: a hit costs one
 * read, and a miss overwrites a slot instead of growing and rehashing a `Map`, whose discarded
 * tables a long stream promoted to the old generation by the megabyte.
 */
const shown = new WeakMap<History, Array<Listed | undefined>>()
const listedOf = (h: History) => {
  let ring = shown.get(h)
  if (ring === undefined) shown.set(h, ring = Array.from({ length: listedCacheSize }, () => undefined))
  const slots = ring
  return (i: number): Listed => {
    const slot = i % listedCacheSize
    let listed = slots[slot]
    if (listed?.index !== i) {
      const session: Contract.Session = extended(listedFieldsAt(h, i), { customId: null })
      listed = { index: i, session, utf8: sessionUtf8(session) }
      slots[slot] = listed
    }
    return listed
  }
}
