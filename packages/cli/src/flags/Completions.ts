/**
 * `--completions bash|zsh|fish|powershell`: effect/cli's built-in, made to know the shared API
 * flags. effect/cli builds the script from each command's own flags and leaves global setting
 * flags out, so `polyv-stats sessions --for<TAB>` would not complete `--format`; this adds them to
 * every API command (derived from the same flag definitions, never listed twice).
 *
 * @module
 */
import { Console, Effect, Option } from "effect"
import { CliConfig, Command, Completions, GlobalFlag } from "effect/cli"
import * as GlobalFlags from "./GlobalFlags.js"

/** The shared flags' completion descriptors; built only when a completion script is asked for. */
const sharedFlagDescriptors = (): ReadonlyArray<Completions.FlagDescriptor> =>
  Completions.fromCommand(
    Command.make("shared", Object.fromEntries(GlobalFlags.all.map((setting) => [setting.id, setting.flag]))),
  ).flags

/** Adds the shared flags to the commands named `apiCommands`, at any depth. */
export const withSharedFlags = (
  descriptor: Completions.CommandDescriptor,
  apiCommands: ReadonlySet<string>,
  shared: ReadonlyArray<Completions.FlagDescriptor> = sharedFlagDescriptors(),
): Completions.CommandDescriptor => ({
  ...descriptor,
  flags: apiCommands.has(descriptor.name) ? [...descriptor.flags, ...shared] : descriptor.flags,
  subcommands: descriptor.subcommands.map((sub) => withSharedFlags(sub, apiCommands, shared)),
})

/**
 * Every flag of `command`'s tree as effect/cli reads them: each command's own, the shared flags on
 * the commands named `apiCommands`, and (as the root's) the built-ins (`--help`, `--wizard`…).
 */
export const flagTree = (
  command: Command.Command.Any,
  apiCommands: ReadonlyArray<string>,
): Completions.CommandDescriptor => {
  const tree = withSharedFlags(Completions.fromCommand(command), new Set(apiCommands))
  const builtInFlags = Completions.fromCommand(
    Command.make("built-ins", Object.fromEntries(builtIns(apiCommands).map((flag, i) => [i, flag.flag]))),
  ).flags
  return { ...tree, flags: [...tree.flags, ...builtInFlags] }
}

/** The `--completions` action, knowing which commands take the shared flags. */
export const action = (apiCommands: ReadonlyArray<string>) =>
  GlobalFlag.Action({
    flag: GlobalFlag.Completions.flag,
    run: (shell, { command }) =>
      Option.match(shell, {
        onNone: () => Effect.void,
        onSome: (chosen) =>
          Console.log(
            Completions.generate(
              command.name,
              chosen,
              withSharedFlags(Completions.fromCommand(command), new Set(apiCommands)),
            ),
          ),
      }),
  })

/**
 * The built-in flags: effect/cli's, with this `--completions` in place of its own, and without
 * `--log-level`: it sets the level of Effect's logger, which only core's debug lines of each request
 * use, printed by the default logger next to the data; `--verbose` shows each request better (on
 * stderr, the sign masked), so a second way would only confuse.
 */
export const builtIns = (apiCommands: ReadonlyArray<string>) =>
  CliConfig.defaults.builtIns.flatMap((flag) =>
    flag === GlobalFlag.LogLevel ? [] : [flag === GlobalFlag.Completions ? action(apiCommands) : flag]
  )

/** effect/cli's configuration with {@link builtIns}. */
export const layer = (apiCommands: ReadonlyArray<string>) => CliConfig.layer({ builtIns: builtIns(apiCommands) })
