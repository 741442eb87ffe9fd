/**
 * Why a text is not JSON, in words that quote none of it. V8's own message quotes the text around
 * the fault (`Unexpected token 'S', ..."pSecret": Sup3rSecre"... is not valid JSON`), and the text
 * a user gives — a world file, a stubs file, an admin request's body — can hold the app secret: so
 * only V8's reason is kept, with the token it names dropped, and the place as line and column
 * when V8 gives one.
 *
 * @example
 * Internal (not exported from the package).
 * @module
 */

/** `error` (what `JSON.parse(text)` threw) as a reason: `Expected ',' or '}' after property value at line 2, column 7`. */
export const notJsonReason = (error: unknown, text: string): string => {
  const message = error instanceof Error ? error.message : ""
  const position = /at position (\d+)/.exec(message)
  // V8's reason ends where its quote of the text begins (after ", "), or before " in JSON at".
  const reason = (message.split(", ")[0] ?? "").replace(/( in JSON)? at position \d+( \(line \d+ column \d+\))?$/, "")
    .replace(/^Unexpected token .*$/s, "Unexpected character")
  const shown = reason === "" || reason.includes("\"") ? "Unexpected character" : reason
  if (position === null) return shown
  const at = Math.min(Number(position[1]), text.length)
  const before = text.slice(0, at)
  const line = before.split("\n").length
  return `${shown} at line ${line}, column ${at - before.lastIndexOf("\n")}`
}
