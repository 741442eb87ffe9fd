/**
 * Writes a file all at once or not at all: a reader of the path sees the old file (or none) until
 * the new one is complete, then the new one, never a part of it.
 *
 * How: the path is checked first ({@link check}: a regular file or nothing, writable, in a
 * writable folder), so that a path that cannot work fails before any byte is fetched. Then the
 * bytes go to a temporary file beside the target (`report.xlsx.3f9a2c1b7d4e.partial`: the same
 * folder, so the same file system, where a rename is atomic), which is flushed to the disk (fsync)
 * and then renamed over the target. If the stream fails, or the fiber is interrupted (in the CLI,
 * Ctrl-C, SIGTERM and SIGHUP interrupt it), the temporary file is removed and the target is
 * untouched. A process killed outright (SIGKILL, a power cut) runs no finalizer: the target is
 * then still the old file or absent, never a partial one, and the `.partial` file is left behind;
 * nothing can remove it without risking another download's. The folder itself is not flushed, so
 * after a power cut the rename may be lost: the old file is then what remains, still whole.
 *
 * The target is replaced, not written through, so:
 * - The new file gets the old one's permission bits (a `0600` file stays private; it is `0600`
 *   while it is written), and its owner and group where the process may set them (root may).
 *   A new file gets the usual permissions (`0666` less the umask).
 * - It is a new file (a new inode): another hard link to the old file keeps the old bytes.
 * - A symbolic link at the path is kept: the file it leads to is replaced, beside that file.
 *
 * Every failure of the file system is a {@link FileWriteError} naming the path asked for (never the
 * temporary file) and the operating system's reason (`no space left on device (ENOSPC)`).
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
import { Effect, Exit, FileSystem, type PlatformError, Scope, Stream } from "effect"
import { basename, dirname, join } from "node:path"
import { FileWriteError, fromPlatformError } from "./FileWriteError.js"
import * as WriteTarget from "./WriteTarget.js"

export { describeSystemError, FileWriteError } from "./FileWriteError.js"
export { maxNameBytes, type Target } from "./WriteTarget.js"

/**
 * Checks that `path` can be written (see `WriteTarget`): a caller may check before it fetches
 * what it will write; {@link write} checks again as it starts.
 */
export const check: (path: string) => Effect.Effect<WriteTarget.Target, FileWriteError, FileSystem.FileSystem> =
  WriteTarget.check

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

/** While it is written, the new file is readable by its owner only. */
const privateMode = 0o600
/** A file created anew: what the umask leaves of read and write for all, as `open` makes it. */
const newFileMode = 0o666

/**
 * Writes `bytes` to `path` atomically (see the module's description); returns the number of bytes
 * written. Fails with the stream's error, or a {@link FileWriteError}, the target untouched.
 */
export const write = <E, R>(
  path: string,
  bytes: Stream.Stream<Uint8Array, E, R>,
): Effect.Effect<number, E | FileWriteError, R | FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const target = yield* WriteTarget.check(path)
    const { existing } = target
    const temporary = partialPathOf(target.file)
    const failed = (error: PlatformError.PlatformError) => fromPlatformError(path, error)
    return yield* Effect.acquireUseRelease(
      // Uninterruptible, as every acquisition: once the file exists, its release is sure to run.
      // "wx" creates it or fails: never an existing file, nor a symbolic link planted at the name.
      Effect.flatMap(Scope.make(), (scope) =>
        fs.open(temporary, { flag: "wx", mode: existing === undefined ? newFileMode : privateMode }).pipe(
          Scope.provide(scope),
          Effect.map((file) => ({ file, scope })),
          Effect.onError((cause) =>
            Scope.close(scope, Exit.failCause(cause))
          ),
          Effect.mapError(failed),
        )),
      ({ file, scope }) =>
        Effect.gen(function*() {
          let written = 0
          yield* Stream.runForEach(bytes, (chunk) => {
            written += chunk.length
            return Effect.mapError(file.writeAll(chunk), failed)
          })
          yield* Effect.mapError(file.sync, failed)
          yield* Scope.close(scope, Exit.void)
          if (existing !== undefined) {
            // Root may give it back to the old file's owner; anyone else keeps it as a new file of theirs.
            if (existing.uid !== undefined && existing.gid !== undefined) {
              yield* Effect.ignore(fs.chown(temporary, existing.uid, existing.gid))
            }
            // Only a file system that keeps no permissions (FAT) refuses: the file then stays 0600.
            yield* Effect.ignore(fs.chmod(temporary, existing.mode))
          }
          // The one step that changes the target, and it either happens or not.
          yield* Effect.uninterruptible(Effect.mapError(fs.rename(temporary, target.file), failed))
          return written
        }),
      ({ scope }, exit) =>
        Effect.andThen(
          Scope.close(scope, exit),
          Exit.isSuccess(exit) ? Effect.void : Effect.ignore(fs.remove(temporary, { force: true })),
        ),
    )
  })
