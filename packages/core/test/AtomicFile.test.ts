/**
 * `AtomicFile.write` on real files: what it refuses to replace (a device, a FIFO, a socket, a
 * folder, a link to nothing, a write-protected file, a name too long, a path ending in `/`) and
 * leaves as it was; what a replacement keeps (the permission bits, the owner where root may, a
 * symbolic link); and that a file-system failure names the path asked for and the system's reason,
 * never the temporary file.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, FileSystem, PlatformError, Stream } from "effect"
import { execFileSync } from "node:child_process"
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import * as net from "node:net"
import { join } from "node:path"
import { AtomicFile, FileWriteError } from "../src/index.js"

const bytes = new TextEncoder().encode("the new report\n")
const old = "the report saved last week\n"
const isRoot = process.getuid?.() === 0

/** A temporary folder for the test, removed with its scope. */
const folder = Effect.flatMap(
  FileSystem.FileSystem,
  (fs) => fs.makeTempDirectoryScoped({ prefix: "polyv-atomic-test-" }),
)

/** Writes `bytes` to `path`; the failure. */
const refused = (path: string) =>
  Effect.flip(AtomicFile.write(path, Stream.make(bytes))).pipe(
    Effect.map((error) => {
      assert.instanceOf(error, FileWriteError)
      assert.strictEqual(error.path, path)
      return error
    }),
  )

/** A socket file at `path`, listening until the scope closes. */
const socketAt = (path: string) =>
  Effect.acquireRelease(
    Effect.callback<net.Server>((resume) => {
      const server = net.createServer().listen(path, () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.callback<void>((resume) => void server.close(() => resume(Effect.void))),
  )

describe("AtomicFile.write refuses what is no regular file, and leaves it as it was", () => {
  it.effect("a character device (through a link to /dev/null), a FIFO, a socket, a folder, a link to nothing", () =>
    Effect.gen(function*() {
      const dir = yield* folder
      const device = join(dir, "null")
      symlinkSync("/dev/null", device)
      const fifo = join(dir, "fifo")
      execFileSync("mkfifo", [fifo])
      const socket = join(dir, "socket")
      yield* socketAt(socket)
      const sub = join(dir, "folder")
      mkdirSync(sub)
      const dangling = join(dir, "dangling")
      symlinkSync("nothing-here", dangling)
      for (
        const [path, reason, found] of [
          [device, "is a character device, not a regular file", "CharacterDevice"],
          [fifo, "is a FIFO (named pipe), not a regular file", "FIFO"],
          [socket, "is a socket, not a regular file", "Socket"],
          [sub, "is a folder, not a regular file", "Directory"],
          [dangling, "is a symbolic link to nothing: link it to a file, or remove it", undefined],
        ] as const
      ) {
        const error = yield* refused(path)
        assert.deepStrictEqual([error.reason, error.found], [reason, found])
      }
      assert.isTrue(statSync("/dev/null").isCharacterDevice())
      assert.strictEqual(readlinkSync(device), "/dev/null")
      assert.isTrue(lstatSync(fifo).isFIFO())
      assert.isTrue(lstatSync(socket).isSocket())
      assert.strictEqual(readlinkSync(dangling), "nothing-here")
      assert.deepStrictEqual(readdirSync(dir).toSorted(), ["dangling", "fifo", "folder", "null", "socket"])
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect("a write-protected file (mode 0444, even for root), a name over 255 bytes, a path ending in /", () =>
    Effect.gen(function*() {
      const dir = yield* folder
      const locked = join(dir, "locked.xlsx")
      writeFileSync(locked, old)
      chmodSync(locked, 0o444)
      assert.match((yield* refused(locked)).reason, /^is write-protected \(mode 0444\)/)
      assert.strictEqual(readFileSync(locked, "utf8"), old)
      const long = join(dir, `${"é".repeat(127)}.x`) // 256 bytes in UTF-8
      assert.strictEqual((yield* refused(long)).reason, "its name is 256 bytes long; a file name is at most 255")
      const slash = join(dir, "new-folder") + "/"
      assert.strictEqual((yield* refused(slash)).reason, "ends with a slash, so it names a folder, not a file")
      assert.deepStrictEqual(readdirSync(dir), ["locked.xlsx"])
    }).pipe(Effect.provide(NodeFileSystem.layer)))
})

describe("AtomicFile.write replaces a file, keeping what belongs to it", () => {
  it.effect("its permission bits: a 0600 file stays 0600; a new file gets 0666 less the umask", () =>
    Effect.gen(function*() {
      const dir = yield* folder
      const secret = join(dir, "private.xlsx")
      writeFileSync(secret, old)
      chmodSync(secret, 0o600)
      yield* AtomicFile.write(secret, Stream.make(bytes))
      assert.strictEqual(statSync(secret).mode & 0o777, 0o600)
      assert.strictEqual(readFileSync(secret, "utf8"), "the new report\n")
      const fresh = join(dir, "new.xlsx")
      yield* AtomicFile.write(fresh, Stream.make(bytes))
      const umask = process.umask()
      assert.strictEqual(statSync(fresh).mode & 0o777, 0o666 & ~umask)
    }).pipe(Effect.provide(NodeFileSystem.layer)))

  it.effect.skipIf(!isRoot)(
    "its owner and group, when root replaces another user's file",
    () =>
      Effect.gen(function*() {
        const dir = yield* folder
        const theirs = join(dir, "theirs.xlsx")
        writeFileSync(theirs, old)
        chownSync(theirs, 1234, 2345)
        yield* AtomicFile.write(theirs, Stream.make(bytes))
        const after = statSync(theirs)
        assert.deepStrictEqual([after.uid, after.gid], [1234, 2345])
      }).pipe(Effect.provide(NodeFileSystem.layer)),
  )

  it.effect("a symbolic link: kept, and the file it leads to is replaced (beside that file)", () =>
    Effect.gen(function*() {
      const dir = yield* folder
      mkdirSync(join(dir, "real"))
      const real = join(dir, "real", "report.xlsx")
      writeFileSync(real, old)
      const link = join(dir, "latest.xlsx")
      symlinkSync(real, link)
      yield* AtomicFile.write(link, Stream.make(bytes))
      assert.strictEqual(readlinkSync(link), real)
      assert.strictEqual(readFileSync(real, "utf8"), "the new report\n")
      assert.deepStrictEqual(readdirSync(join(dir, "real")), ["report.xlsx"])
    }).pipe(Effect.provide(NodeFileSystem.layer)))
})

describe("a file-system failure names the file asked for and the system's reason", () => {
  // /sys refuses new files even to root, although access() says it is writable for root.
  it.effect.skipIf(!existsSync("/sys"))(
    "a folder where no file can be made: the path, not the .partial file",
    () =>
      Effect.gen(function*() {
        const path = "/sys/polyv-stats-test.xlsx"
        const error = yield* refused(path)
        assert.match(error.reason, /permission denied \(EACCES\)$/)
        assert.strictEqual(error.message, `cannot write "${path}": ${error.reason}`)
        assert.notInclude(error.message, AtomicFile.partialSuffix)
      }).pipe(Effect.provide(NodeFileSystem.layer)),
  )

  it("the system's own words and code, without the path or file descriptor", () => {
    const cause = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 })
    const error = PlatformError.systemError({
      _tag: "Unknown",
      module: "FileSystem",
      method: "writeAll",
      pathOrDescriptor: 21,
      cause,
    })
    assert.strictEqual(AtomicFile.describeSystemError(error), "no space left on device (ENOSPC)")
  })

  it.effect("a rename that fails (the target became a folder) leaves no .partial file", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* folder
      const target = join(dir, "taken")
      // Made a folder after the checks passed: only the final rename can find out.
      const late = Stream.fromEffect(Effect.as(fs.makeDirectory(target), bytes))
      const exit = yield* Effect.exit(AtomicFile.write(target, late))
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(yield* fs.readDirectory(dir), ["taken"])
    }).pipe(Effect.provide(NodeFileSystem.layer)))
})
