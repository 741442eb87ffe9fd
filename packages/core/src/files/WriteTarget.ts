/**
 * Where a file is to be written, checked before anything is: the checks {@link AtomicFile} makes
 * first, and that a caller can make earlier still (the CLI makes them before it asks Polyv for the
 * report), so that a path that cannot work fails at once, and not after a whole download.
 *
 * A path is accepted when it is
 * - absent, in an existing folder the process can create files in; or
 * - a regular file the process may write in place: the operating system grants write access and
 *   the mode has a write bit at all (`0444` is write-protected, even for root, as `rm` treats it).
 *   Replacing it keeps its permission bits (and, where the process may, its owner and group).
 * - a symbolic link to such a file: the link is kept, and the file it leads to is the one replaced
 *   (written beside that file, in its own folder). A link to nothing is refused.
 *
 * Refused, as a {@link FileWriteError}: a path that names a folder (ends with `/`, or is one), a
 * device, FIFO or socket (writing "a file" to `/dev/null` would replace the device with a file, to
 * `/dev/stdout` would replace a pipe), a name longer than 255 bytes (the limit of the usual file
 * systems; the name would fail only at the final rename), and a missing or unwritable folder.
 *
 * @example
 * Internal (exported through `AtomicFile.check`).
 * @module
 */
import { Effect, FileSystem, Option, type PlatformError } from "effect"
import { basename, dirname } from "node:path"
import { FileWriteError, fromPlatformError } from "./FileWriteError.js"

/** The longest file name accepted, in bytes: `NAME_MAX` of ext4, XFS, Btrfs and most other file systems. */
export const maxNameBytes = 255

/** A path that passed the checks. */
export interface Target {
  /** The path as given. */
  readonly path: string
  /** The file to replace: `path`, or the file a symbolic link at `path` leads to. */
  readonly file: string
  /** The file there now, when there is one: its permission bits, owner and group. */
  readonly existing?: {
    readonly mode: number
    readonly uid: number | undefined
    readonly gid: number | undefined
  } | undefined
}

const kinds: Record<FileSystem.File.Type, string> = {
  File: "a regular file",
  Directory: "a folder",
  SymbolicLink: "a symbolic link",
  BlockDevice: "a block device",
  CharacterDevice: "a character device",
  FIFO: "a FIFO (named pipe)",
  Socket: "a socket",
  Unknown: "of an unknown kind",
}

const utf8 = new TextEncoder()

/** `mode` as `ls` shows it in octal: `0644`. */
const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, "0")}`

/** Checks `path` (see the module's description). */
export const check = (path: string): Effect.Effect<Target, FileWriteError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const refuse = (reason: string) => Effect.fail(new FileWriteError({ path, reason }))
    const failed = (error: PlatformError.PlatformError) => fromPlatformError(path, error)
    /** `stat` or `lstat`: `None` when nothing is there, any other failure a `FileWriteError`. */
    const look = (how: "stat" | "lstat", at: string) =>
      fs[how](at).pipe(
        Effect.map(Option.some),
        Effect.catchIf(
          (e) => e.reason._tag === "NotFound",
          () => Effect.succeed(Option.none<FileSystem.File.Info>()),
        ),
        Effect.mapError(failed),
      )

    if (path === "") return yield* refuse("an empty path names no file")
    if (/[/\\]$/.test(path)) return yield* refuse("ends with a slash, so it names a folder, not a file")
    // Before anything looks at it: the system would only say "name too long", of the whole path.
    const nameBytes = utf8.encode(basename(path)).length
    if (nameBytes > maxNameBytes) {
      return yield* refuse(`its name is ${nameBytes} bytes long; a file name is at most ${maxNameBytes}`)
    }
    // Followed through any symbolic links: the kind of thing a write would land on.
    const found = yield* look("stat", path)
    if (Option.isNone(found)) {
      const link = yield* look("lstat", path)
      if (Option.isSome(link) && link.value.type === "SymbolicLink") {
        return yield* refuse("is a symbolic link to nothing: link it to a file, or remove it")
      }
    } else if (found.value.type !== "File") {
      const kind = found.value.type
      return yield* Effect.fail(
        new FileWriteError({ path, reason: `is ${kinds[kind]}, not a regular file`, found: kind }),
      )
    }
    const file = Option.isSome(found) ? yield* Effect.mapError(fs.realPath(path), failed) : path
    const folder = dirname(file)
    const folderInfo = yield* look("stat", folder)
    if (Option.isNone(folderInfo)) return yield* refuse(`its folder ${JSON.stringify(folder)} does not exist`)
    if (folderInfo.value.type !== "Directory") return yield* refuse(`${JSON.stringify(folder)} is not a folder`)
    // The new file is made in the folder and renamed there: both need the folder writable.
    const folderWritable = yield* Effect.result(fs.access(folder, { writable: true }))
    if (folderWritable._tag === "Failure") {
      return yield* refuse(
        `cannot create a file in its folder ${JSON.stringify(folder)}: ${failed(folderWritable.failure).reason}`,
      )
    }
    if (Option.isNone(found)) return { path, file }
    const { mode, uid, gid } = found.value
    const writable = yield* Effect.result(fs.access(file, { writable: true }))
    if (writable._tag === "Failure" || (mode & 0o222) === 0) {
      return yield* refuse(`is write-protected (mode ${octal(mode)}): make it writable first, or choose another file`)
    }
    return {
      path,
      file,
      existing: { mode: mode & 0o777, uid: Option.getOrUndefined(uid), gid: Option.getOrUndefined(gid) },
    }
  })
