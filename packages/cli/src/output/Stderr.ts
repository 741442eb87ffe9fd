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
 * @module
 */
import { printable } from "@polyv-stats/mock-server"
import { Context, Effect } from "effect"

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

/** A writer over a stream such as `process.stderr`. */
export const make = (out: { write: (text: string) => unknown; isTTY?: boolean | undefined }): Stderr => {
  const isTTY = out.isTTY === true
  let open = false
  const endProgress = () => {
    if (open) out.write("\n")
    open = false
  }
  return {
    isTTY,
    line: (text) => {
      endProgress()
      out.write(`${lineOf(text)}\n`)
    },
    progress: (text) => {
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
