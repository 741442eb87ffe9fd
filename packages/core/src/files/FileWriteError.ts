/**
 * A file that could not be written, or was refused before anything was written to it: one error
 * that names the file the caller asked for (never the temporary file beside it) and says why in
 * words: what the path is when it is no place for a file ("is a FIFO (named pipe), not a regular
 * file"), or what the operating system said ("no space left on device (ENOSPC)").
 *
 * @example
 * ```ts
 * import { AtomicFile } from "@polyv-stats/core"
 * import { Effect, Stream } from "effect"
 *
 * const save = AtomicFile.write("/dev/null", Stream.make(new Uint8Array([1]))).pipe(
 *   Effect.catchTag("FileWriteError", (e) => Effect.succeed(e.reason)), // "is a character device, not a regular file"
 * )
 * ```
 * @module
 */
import { Data, type FileSystem, type PlatformError } from "effect"

/** A file not written; whatever was at `path` is as it was. */
export class FileWriteError extends Data.TaggedError("FileWriteError")<{
  /** The file that was to be written, as the caller gave it. */
  readonly path: string
  /** Why, for people, without the path: `"is a folder, not a regular file"`. */
  readonly reason: string
  /** The operating system's error code, when it refused (`"ENOSPC"`, `"EACCES"`…). */
  readonly code?: string | undefined
  /** What is at the path when it is no regular file (`"CharacterDevice"`, `"FIFO"`, `"Directory"`…). */
  readonly found?: FileSystem.File.Type | undefined
}> {
  override get message(): string {
    return `cannot write ${JSON.stringify(this.path)}: ${this.reason}`
  }
}

/** A Node system error's code and description (`"ENOSPC: no space left on device, write"`). */
const systemErrorOf = (cause: unknown): { readonly code: string; readonly description: string } | undefined => {
  if (!(cause instanceof Error)) return undefined
  const code = (cause as { readonly code?: unknown }).code
  if (typeof code !== "string") return undefined
  const description = new RegExp(`^${code}: ([^,]+)`).exec(cause.message)?.[1]
  return { code, description: description ?? cause.message }
}

/**
 * What the operating system said, in words and with its code (`"no space left on device
 * (ENOSPC)"`), without the path or file descriptor a `PlatformError`'s own message carries.
 */
export const describeSystemError = (error: PlatformError.PlatformError): string => {
  const system = systemErrorOf(error.reason.cause)
  if (system !== undefined) return `${system.description} (${system.code})`
  return error.reason.description ?? error.reason._tag
}

/** The `FileWriteError` for a file-system failure while writing `path`. */
export const fromPlatformError = (path: string, error: PlatformError.PlatformError): FileWriteError =>
  new FileWriteError({ path, reason: describeSystemError(error), code: systemErrorOf(error.reason.cause)?.code })
