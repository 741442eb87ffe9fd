/**
 * `--world FILE` (or a built-in world's name) and `--dump-world FILE`: the mock's world read from
 * a world file, and any world written to one. A file that cannot be read, is not JSON or does not
 * pass the checks stops the command before anything listens: one line, or a `WorldFileError`
 * listing every problem with its path (both bins exit 2).
 *
 * @module
 */
import { AtomicFile } from "@polyv-stats/core"
import { Effect, type FileSystem, Stream } from "effect"
import { CliError, Flag } from "effect/cli"
import { worldWithStubsOrThrow } from "../stubs/WorldStubs.js"
import { builtInWorlds, isBuiltInWorld } from "../world/PolyvExamples.js"
import type { WorldFile, WorldFileError } from "../world/WorldFile.js"
import { readChecked } from "./TextFile.js"

const builtIn = Object.keys(builtInWorlds).join(", ")

export const worldFlags = {
  world: Flag.String("world").pipe(
    Flag.withMetavar("file"),
    Flag.withDescription(
      `Serve the account this world file describes (JSON; schema: world.schema.json in the package) instead of a generated one, or a built-in world: ${builtIn} (the examples of Polyv's pages)`,
    ),
    Flag.optional,
  ),
  dumpWorld: Flag.String("dump-world").pipe(
    Flag.withMetavar("file"),
    Flag.withDescription(
      "Write the world (generated or --world; with --cassette, the sessions its recorded session lists hold) to this file as a world file, then exit without serving; --world loads it back",
    ),
    Flag.optional,
  ),
}

const usage = (message: string) => new CliError.ValidationError({ message })

/** The world `--world` names: a built-in one, or a file read, parsed and checked whole. */
export const readWorld = (given: string): Effect.Effect<WorldFile, CliError.ValidationError | WorldFileError> => {
  if (isBuiltInWorld(given)) return Effect.succeed(builtInWorlds[given])
  return readChecked<WorldFile, WorldFileError>(
    "--world",
    given,
    (json, source) => worldWithStubsOrThrow(json, source).world,
    `; give a world file or one of ${builtIn}`,
  )
}

/** Writes `world` to `path` whole or not at all; a path that cannot be written is a usage error naming it. */
export const writeWorld = (
  path: string,
  world: WorldFile,
): Effect.Effect<number, CliError.ValidationError, FileSystem.FileSystem> =>
  AtomicFile.write(path, Stream.make(new TextEncoder().encode(`${JSON.stringify(world, null, 2)}\n`))).pipe(
    Effect.mapError((error) => usage(`--dump-world: ${error.message}`)),
  )
