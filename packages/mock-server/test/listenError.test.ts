/**
 * What counts as a failure to listen (a `ListenError`: exit 5 or a `--host` message) rather than an
 * option refused: Node's real errors, taken from real sockets, including a cluster worker's (PM2's
 * cluster mode runs servers so), whose listen fails in `bind`.
 */
import cluster from "node:cluster"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { type AddressInfo, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it, onTestFinished } from "vitest"
import { isListenFailure, listenError } from "../src/cli/ListenError.js"

/** A port something already listens on, for the test's life. */
const takenPort = async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
  onTestFinished(() => void taken.close())
  return (taken.address() as AddressInfo).port
}

/** What `listen` on `port` fails with, as `{ code, syscall, message }`, in a cluster worker. */
const workerListenError = async (port: number) => {
  const dir = mkdtempSync(join(tmpdir(), "polyv-listen-"))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  const script = join(dir, "worker.mjs")
  writeFileSync(
    script,
    `import { createServer } from "node:net"
createServer().listen(${port}, "127.0.0.1").on("error", (e) => {
  process.send({ code: e.code, syscall: e.syscall, message: e.message }, () => process.exit(0))
})`,
  )
  cluster.setupPrimary({ exec: script, silent: true })
  const worker = cluster.fork()
  onTestFinished(() => void worker.kill())
  return new Promise<{ code: string; syscall: string; message: string }>((resolve) => worker.once("message", resolve))
}

describe("isListenFailure", () => {
  it("takes a taken port's error, in a plain process and in a cluster worker (syscall bind)", async () => {
    const port = await takenPort()
    const plain = await new Promise<NodeJS.ErrnoException>((resolve) =>
      createServer().listen(port, "127.0.0.1").on("error", resolve)
    )
    const inWorker = await workerListenError(port)
    expect([plain.syscall, inWorker.syscall]).toEqual(["listen", "bind"])
    for (const error of [plain, Object.assign(new Error(inWorker.message), inWorker)]) {
      expect(isListenFailure(error)).toBe(true)
      expect(listenError(error, "127.0.0.1", port).message).toContain(`port ${port} on 127.0.0.1 is already in use`)
    }
  })

  it("takes a host name that does not resolve, and nothing that is not Node's system error", async () => {
    const unknownHost = await new Promise<NodeJS.ErrnoException>((resolve) =>
      createServer().listen(0, "no-such-host.invalid").on("error", resolve)
    )
    expect(unknownHost.syscall).toBe("getaddrinfo")
    expect(isListenFailure(unknownHost)).toBe(true)
    for (const other of [new Error("the stubs option has problems"), { code: 5 }, undefined, "EADDRINUSE"]) {
      expect(isListenFailure(other)).toBe(false)
    }
  })
})
