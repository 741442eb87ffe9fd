/**
 * Why the standalone mock could not start listening, in one line that names the `--host` or
 * `--port` and what to do. A taken port or a host that is not this machine's is an ordinary
 * situation, not a bug: the commands print this line, never a stack trace.
 *
 * @example
 * ```ts
 * import { listenError } from "@polyv-stats/mock-server"
 *
 * const busy = Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" })
 * listenError(busy, "127.0.0.1", 8787).message
 * // "port 8787 on 127.0.0.1 is already in use: stop what listens there, or choose another --port (0 picks a free one)"
 * ```
 * @module
 */
import { Data } from "effect"

/** Node's errors for an address that cannot be listened on: not this machine's, or not a name at all. */
const addressCodes = new Set(["EADDRNOTAVAIL", "ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EINVAL"])

/**
 * The mock could not listen. `reason` says which flag to change: `host` (not an address of this
 * machine: bad input) or `port` (taken, or not allowed).
 */
export class ListenError extends Data.TaggedError("ListenError")<{
  readonly reason: "host" | "port"
  readonly message: string
}> {}

/**
 * Whether `error` is Node's failure to listen: a system error of the `listen` call, of `bind` (where
 * a cluster worker's listen fails: EADDRINUSE, EADDRNOTAVAIL), or of looking the host up
 * (`getaddrinfo`). Anything else a server's start throws is not the address's fault.
 */
export const isListenFailure = (error: unknown): boolean => {
  const { code, syscall } = (error ?? {}) as { readonly code?: unknown; readonly syscall?: unknown }
  return typeof code === "string" && (syscall === "listen" || syscall === "bind" || syscall === "getaddrinfo")
}

/** Turns what `server.listen` failed with into a {@link ListenError}. */
export const listenError = (error: unknown, host: string, port: number): ListenError => {
  const code = (error as { readonly code?: unknown } | undefined)?.code
  const detail = error instanceof Error ? error.message : String(error)
  if (code === "EADDRINUSE") {
    return new ListenError({
      reason: "port",
      message:
        `port ${port} on ${host} is already in use: stop what listens there, or choose another --port (0 picks a free one)`,
    })
  }
  if (code === "EACCES") {
    return new ListenError({
      reason: "port",
      message:
        `not allowed to listen on port ${port} of ${host} (ports below 1024 need privileges): choose another --port (0 picks a free one)`,
    })
  }
  if (typeof code === "string" && addressCodes.has(code)) {
    return new ListenError({
      reason: "host",
      message: `--host ${
        JSON.stringify(host)
      } is not an address of this machine (${code}); expected an interface address such as 127.0.0.1, ::1 or 0.0.0.0`,
    })
  }
  return new ListenError({ reason: "port", message: `could not listen on ${host} port ${port}: ${detail}` })
}
