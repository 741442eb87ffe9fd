/**
 * Writes a file all at once or not at all: a reader of the path sees the old file (or none) until
 * the new one is complete, then the new one, never a part of it.
 *
 * How: the bytes go to a temporary file beside the target (`report.xlsx.3f9a2c1b7d4e.partial`: the
 * same folder, so the same file system, where a rename is atomic), which is flushed to the disk
 * (fsync) and then renamed over the target. If the stream fails, or the fiber is interrupted (in the
 * CLI, Ctrl-C and SIGTERM interrupt it), the temporary file is removed and the target is untouched.
 * A process killed outright (SIGKILL, a power cut) runs no finalizer: the target is then still the
 * old file or absent, never a partial one, and the `.partial` file is left behind; nothing can
 * remove it without risking another download's. The folder itself is not flushed, so after a power
 * cut the rename may be lost: the old file is then what remains, still whole.
 *
 * The target is replaced, not written through: a new file with the default permissions, and a
 * symbolic link at the path is replaced by the file instead of being followed.
 *
 * @example
 * ```ts
 * import { AtomicFile } from "@polyv-stats/core"
 * import { Effect, Stream } from "effect"
 *
 * // Needs a FileSystem (e.g. NodeServices.layer); a stream that fails half-way leaves out.txt as it was.
 * const save = AtomicFile.write("out.txt", Stream.make(new TextEncoder().encode("all or nothing\n")))
 * const written = Effect.map(save, (bytes) => `${bytes} bytes`)
 * ```
 * @module
 */
import { Effect, Exit, FileSystem, Scope, Stream } from "effect"
import { basename, dirname, join } from "node:path"

/** What a temporary file's name ends with: a download or write still under way (or killed). */
export const partialSuffix = ".partial"

/**
 * The temporary file's path for `path`: in the same folder, named after the target so a leftover
 * says what it was, with a random part so that two writers never share one. A very long name is
 * shortened so that the temporary name stays within the file system's 255-byte limit.
 */
export const partialPathOf = (path: string): string => {
  const random = Array.from(
    globalThis.crypto.getRandomValues(new Uint8Array(6)),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("")
  const name = Array.from(basename(path)).slice(0, 50).join("")
  return join(dirname(path), `${name}.${random}${partialSuffix}`)
}

/**
 * Writes `bytes` to `path` atomically (see the module's description); returns the number of bytes
 * written. Fails with the stream's error or the file system's `PlatformError`, the target untouched.
 */
export const write = <E, R>(
  path: string,
  bytes: Stream.Stream<Uint8Array, E, R>,
): Effect.Effect<number, E | import("effect").PlatformError.PlatformError, R | FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const temporary = partialPathOf(path)
    return yield* Effect.acquireUseRelease(
      // Uninterruptible, as every acquisition: once the file exists, its release is sure to run.
      // "wx" creates it or fails: never an existing file, nor a symbolic link planted at the name.
      Effect.flatMap(Scope.make(), (scope) =>
        fs.open(temporary, { flag: "wx" }).pipe(
          Scope.provide(scope),
          Effect.map((file) => ({ file, scope })),
          Effect.onError((cause) => Scope.close(scope, Exit.failCause(cause))),
        )),
      ({ file, scope }) =>
        Effect.gen(function*() {
          let written = 0
          yield* Stream.runForEach(bytes, (chunk) => {
            written += chunk.length
            return file.writeAll(chunk)
          })
          yield* file.sync
          yield* Scope.close(scope, Exit.void)
          // The one step that changes the target, and it either happens or not.
          yield* Effect.uninterruptible(fs.rename(temporary, path))
          return written
        }),
      ({ scope }, exit) =>
        Effect.andThen(
          Scope.close(scope, exit),
          Exit.isSuccess(exit) ? Effect.void : Effect.ignore(fs.remove(temporary, { force: true })),
        ),
    )
  })
