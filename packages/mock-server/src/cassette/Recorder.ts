/**
 * `polyv-mock --record`: a proxy in front of a real Polyv (or any upstream) that saves what it
 * answers to a cassette (`Cassette.ts`).
 *
 * Each request to one of the five endpoints' paths is forwarded unchanged (method, path, query,
 * form body and its content type), so the caller's signature stays valid upstream, and upstream's
 * answer comes back unchanged: status, content type, body bytes. The exchange is then saved and
 * the caller answered once it is on the disk, so a caller that has its answer has it recorded.
 *
 * Upstream is treated as hostile: a body over core's `AnswerLimit.maxAnswerBytes`, no answer
 * within the timeout, a refused connection, a reset, each is answered 502 in the mock's own error
 * envelope naming the reason, and nothing is recorded. Any other path is 404, not forwarded.
 *
 * The cassette is rewritten whole after each exchange through core's `AtomicFile` (written beside,
 * flushed, renamed over): a reader, or a crash at any moment, finds the previous cassette or the
 * new one, never a part. Writes are queued one at a time; {@link RunningRecorder.close} waits
 * for the last. Each write is the whole file, so a session of n calls writes O(n²) bytes: fine
 * for recording a few hundred calls, which is what a cassette is for.
 *
 * Report files (the URL an `exportReport` answer gives) are not fetched: they stay upstream.
 *
 * @example
 * ```ts
 * import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
 * import { startRecorder } from "@polyv-stats/mock-server"
 *
 * const recording = async () => {
 *   const recorder = await startRecorder({
 *     upstream: new URL("https://api.polyv.net"),
 *     cassette: "polyv.cassette.json",
 *     fileSystem: NodeFileSystem.layer,
 *   })
 *   // Point a client's baseUrl at recorder.url, make calls, then:
 *   await recorder.close()
 * }
 * ```
 * @module
 */
import { AnswerLimit, AtomicFile, Signer } from "@polyv-stats/core"
import { Effect, type FileSystem, type Layer, Stream } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { readBody, tooLarge, urlOf } from "../adapters/NodeHttp.js"
import { collectParams, isForm, type MockResponse } from "../protocol/MockRequest.js"
import { ownError } from "../protocol/OwnError.js"
import { SecretRedactor } from "../protocol/SecretRedactor.js"
import * as Cassette from "./Cassette.js"
import { forwardUrl } from "./Upstream.js"

/** How long upstream has to answer a request, body included, unless told otherwise. */
export const defaultUpstreamTimeoutMillis = 30_000

export interface RecorderOptions {
  /** Where requests go (see `Upstream.parseUpstream`). */
  readonly upstream: URL
  /** The cassette file: replaced at start by an empty cassette, then by each new one. */
  readonly cassette: string
  /**
   * The file system the cassette is written through (on Node, `NodeFileSystem.layer` from
   * `@effect/platform-node`): given, not chosen here, so the library depends on no platform package.
   */
  readonly fileSystem: Layer.Layer<FileSystem.FileSystem>
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string | undefined
  /** Port to listen on (default 0: any free one). */
  readonly port?: number | undefined
  /** The app secret, when known: cut out of everything the cassette keeps, however it is written. */
  readonly secret?: string | undefined
  /** How long upstream has to answer (default {@link defaultUpstreamTimeoutMillis}). */
  readonly timeoutMillis?: number | undefined
}

export interface RunningRecorder {
  /** Where the recorder listens, e.g. `http://127.0.0.1:43121`. */
  readonly url: string
  /** Stops listening, drops open connections, and waits for the cassette's last write. */
  readonly close: () => Promise<void>
}

/** The prefix of every answer the recorder makes itself, so it is never taken for Polyv's. */
const ownPrefix = "polyv-mock --record"

const saveText = (fileSystem: Layer.Layer<FileSystem.FileSystem>, path: string, text: string): Promise<void> =>
  Effect.runPromise(
    AtomicFile.write(path, Stream.make(new TextEncoder().encode(text))).pipe(
      Effect.asVoid,
      Effect.provide(fileSystem),
    ),
  )

/** Why upstream gave no usable answer, for the 502's message. */
const failureReason = (error: unknown, timeoutMillis: number): string => {
  if (error instanceof AnswerLimit.AnswerTooLarge) return error.message
  const name = (error as { readonly name?: unknown }).name
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMillis} ms`
  const cause = (error as { readonly cause?: { readonly code?: unknown; readonly message?: unknown } }).cause
  return String(cause?.code ?? cause?.message ?? (error as Error).message ?? error)
}

/** A response's body, read up to `limit` bytes: more (announced or sent) throws `AnswerTooLarge`. */
const bodyUpTo = async (response: Response, limit: number): Promise<Uint8Array> => {
  const declared = AnswerLimit.declaredOver(response.headers.get("content-length") ?? undefined, limit)
  if (declared !== undefined) {
    await response.body?.cancel()
    throw new AnswerLimit.AnswerTooLarge(limit, declared)
  }
  if (response.body === null) return new Uint8Array(0)
  const chunks: Array<Uint8Array> = []
  let received = 0
  for await (const chunk of response.body) {
    received += chunk.byteLength
    if (received > limit) throw new AnswerLimit.AnswerTooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Starts the recorder; resolves once it listens and the empty cassette is written. */
export const startRecorder = async (options: RecorderOptions): Promise<RunningRecorder> => {
  const timeoutMillis = options.timeoutMillis ?? defaultUpstreamTimeoutMillis
  const secret = new SecretRedactor(options.secret ?? "")
  const exchanges: Array<Cassette.Exchange> = []
  const snapshot = (): string =>
    Cassette.toText({
      format: Cassette.format,
      version: Cassette.version,
      upstream: options.upstream.href,
      exchanges,
    })
  // Writes one at a time, in order: the file always ends as the latest snapshot.
  let writes = saveText(options.fileSystem, options.cassette, snapshot())
  await writes
  const save = (): Promise<
    void
  > => (writes = writes.catch(() => undefined).then(() => saveText(options.fileSystem, options.cassette, snapshot())))

  const answer = (res: ServerResponse, reply: MockResponse): void => {
    res.writeHead(reply.status, reply.headers).end(reply.body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? "/"
    const q = target.indexOf("?")
    const path = q === -1 ? target : target.slice(0, q)
    const query = q === -1 ? "" : target.slice(q + 1)
    const endpoint = Cassette.endpointAt(path)
    if (endpoint === undefined) {
      return answer(
        res,
        ownError(404, `${ownPrefix}: ${secret.text(path)} is none of the five endpoints; not forwarded`),
      )
    }
    const method = req.method
    // The five are read with GET or POST; anything else is not a call a replay could answer.
    if (method !== "GET" && method !== "POST") {
      res.setHeader("connection", "close")
      return answer(res, ownError(405, `${ownPrefix}: ${method} is not forwarded; the five endpoints take GET or POST`))
    }
    const body = method === "GET" ? "" : await readBody(req)
    if (body === undefined) {
      res.setHeader("connection", "close")
      return answer(res, tooLarge())
    }
    let status: number
    let contentType: string | null
    let bytes: Uint8Array
    try {
      const contentTypeIn = req.headers["content-type"]
      const response = await fetch(forwardUrl(options.upstream, target), {
        method,
        headers: contentTypeIn === undefined ? {} : { "content-type": contentTypeIn },
        ...(body === "" ? {} : { body }),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMillis),
      })
      status = response.status
      contentType = response.headers.get("content-type")
      bytes = await bodyUpTo(response, AnswerLimit.maxAnswerBytes)
    } catch (error) {
      return answer(
        res,
        ownError(
          502,
          `${ownPrefix}: upstream ${options.upstream.origin} gave no answer (${
            failureReason(error, timeoutMillis)
          }); nothing recorded`,
        ),
      )
    }
    // Read as the mock reads a request: the body holds parameters only in a form post.
    const sent = collectParams(query, isForm(req.headers["content-type"]) ? body : "")
    // The request's own sign is cut out too: a body may echo the request.
    const sign = sent.get(Signer.signParam)
    const redactor = sign === undefined || sign === ""
      ? secret.text
      : (text: string) => secret.text(text).replaceAll(sign, "<sign>")
    const params = Cassette.businessParams(sent)
    for (const name of Object.keys(params)) params[name] = redactor(params[name]!)
    const exchange: Cassette.Exchange = {
      endpoint: endpoint.name,
      method,
      params,
      status,
      ...(contentType === null ? {} : { contentType }),
      body: redactor(new TextDecoder().decode(bytes)),
      recordedAt: new Date().toISOString(),
    }
    exchanges.push(exchange)
    try {
      await save()
    } catch (error) {
      // Not answered, so not recorded: a later write must not save it.
      exchanges.splice(exchanges.indexOf(exchange), 1)
      return answer(res, ownError(500, `${ownPrefix}: cannot write the cassette (${(error as Error).message})`))
    }
    res.writeHead(status, contentType === null ? {} : { "content-type": contentType }).end(bytes)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, ownError(500, `${ownPrefix}: ${secret.text(String(error))}`, "fail"))
      else res.destroy()
    })
  })
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  return {
    url: urlOf(server, host),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await writes.catch(() => undefined)
    },
  }
}
