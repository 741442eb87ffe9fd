/**
 * How effect/cli's own output is shown: help and version on stdout (they were asked for); a bad
 * invocation (unknown flag, bad value, missing flag) as one line on stderr (through the Stderr
 * writer, which escapes control characters) with nothing on stdout — the exit code (2) comes from
 * errors/ExitCode.
 *
 * @module
 */
import { Console, Effect } from "effect"
import { CliError, CliOutput } from "effect/cli"
import * as Stderr from "./Stderr.js"

const oneLine = (error: CliError.NonShowHelpErrors): string => {
  switch (error._tag) {
    case "UnrecognizedOption": {
      const base = `unknown flag ${error.option}${error.command ? ` for ${error.command.join(" ")}` : ""}`
      return error.suggestions.length > 0 ? `${base} (did you mean ${error.suggestions.join(" or ")}?)` : base
    }
    case "UnknownSubcommand": {
      const base = `unknown command ${JSON.stringify(error.subcommand)}`
      return error.suggestions.length > 0 ? `${base} (did you mean ${error.suggestions.join(" or ")}?)` : base
    }
    default:
      return error.message.split("\n").map((line) => line.trim()).filter((line) => line !== "").join(" ")
  }
}

/** The line printed for a bad invocation of `commandPath`. */
export const invalidInvocation = (
  commandPath: ReadonlyArray<string>,
  errors: ReadonlyArray<CliError.NonShowHelpErrors>,
) => `error: ${errors.map(oneLine).join("; ")} (see ${commandPath.join(" ")} --help)`

// The default formatter puts EXAMPLES straight under the previous section; give it a blank line.
const withSpacing = (help: string) => {
  const lines = help.split("\n")
  const at = lines.findIndex((line) => !line.startsWith(" ") && line.includes("EXAMPLES"))
  if (at > 0 && lines[at - 1]!.trim() !== "") lines.splice(at, 0, "")
  return lines.join("\n")
}

/** effect/cli's presenter; `colors`: whether help is coloured (see Color.useColor, for stdout). */
export const presenter = (colors: boolean): CliOutput.Presenter => ({
  present: (event) =>
    Effect.gen(function*() {
      const formatter = CliOutput.defaultFormatter({ colors })
      switch (event._tag) {
        case "Help":
          return yield* Console.log(withSpacing(formatter.formatHelpDoc(event.helpDoc)))
        case "Version":
          return yield* Console.log(formatter.formatVersion(event.name, event.version))
        case "InvalidInvocation":
          return yield* Stderr.line(invalidInvocation(event.commandPath, event.errors))
      }
    }),
})

export const layer = (colors: boolean) => CliOutput.layerPresenter(presenter(colors))
