/**
 * Everything that is not data — progress, warnings, summaries, request lines — goes through this
 * one writer, to stderr. On a terminal a progress line is redrawn in place; elsewhere each update
 * is a line of its own. The demo swaps it for one that writes in line with stdout.
 *
 * Every line and progress text is made {@link printable} here, once: messages quote what the
 * server sent (IDs, error messages), and none of it may drive the terminal. A line that holds line
 * breaks (a schema mismatch, `Missing key` then `at ["startRow"]`) keeps them, each further line
 * indented: readable, and no text can stand at the start of a line as if it were one of ours
 * (`error: …`).
 *
 * A line's kind is its prefix (`error:`, `internal error`, `warning:`, `hint:`); any other line is
 * a note (a summary, a request line). `--quiet` drops notes and progress and keeps the rest; with
 * colour on (see Color), each kind's prefix is coloured, added after escaping so no server text
 * can switch it.
 *
 * @module
 */
import { printable } from "@polyv-stats/mock-server"
import { Context, Effect } from "effect"
import { paint } from "./Color.js"

export interface Stderr {
  /** Writes one line (finishing any progress line first). */
  readonly line: (text: string) => void
  /** Shows a progress line: redrawn in place on a terminal, a new line otherwise. */
  readonly progress: (text: string) => void
  /** Ends a progress line, keeping what it last showed. */
  readonly endProgress: () => void
  /** Whether progress is redrawn in place (a terminal). */
  readonly isTTY: boolean
}

/** `text` made printable line by line, every line after the first indented under it. */
const lineOf = (text: string): string => text.split("\n").map(printable).join("\n  ")

/** How the writer shows lines: `--quiet` and the colour decision (see Color.useColor). */
export interface Options {
  readonly quiet: boolean
  readonly color: boolean
}

const kinds = /^(?:(error|internal error)|(warning)|(hint))\b/

/** `line` (already printable) with its kind's prefix coloured, or undefined for a note. */
const styled = (line: string, color: boolean): string | undefined => {
  const kind = kinds.exec(line)
  if (kind === null) return undefined
  if (!color) return line
  const prefix = kind[0]
  const colour = kind[1] ? paint.error : kind[2] ? paint.warning : paint.hint
  return colour(prefix) + line.slice(prefix.length)
}

/** A writer over a stream such as `process.stderr`. */
export const make = (
  out: { write: (text: string) => unknown; isTTY?: boolean | undefined },
  options: Options = { quiet: false, color: false },
): Stderr => {
  const isTTY = out.isTTY === true
  const { quiet, color } = options
  let open = false
  const endProgress = () => {
    if (open) out.write("\n")
    open = false
  }
  return {
    isTTY,
    line: (text) => {
      const printed = lineOf(text)
      const shown = styled(printed, color)
      if (shown === undefined && quiet) return
      endProgress()
      out.write(`${shown ?? printed}\n`)
    },
    progress: (text) => {
      if (quiet) return
      if (isTTY) {
        out.write(`\r\x1b[2K${printable(text)}`)
        open = true
      } else out.write(`${printable(text)}\n`)
    },
    endProgress,
  }
}

export const Stderr = Context.Reference<Stderr>("@polyv-stats/cli/Stderr", {
  defaultValue: () => make(process.stderr),
})

/** Writes one line to stderr. */
export const line = (text: string): Effect.Effect<void> =>
  Effect.gen(function*() {
    ;(yield* Stderr).line(text)
  })
