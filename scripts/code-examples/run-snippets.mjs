// Runs the compiled snippets given as arguments, one after another in this one process (a snippet
// that runs an Effect with NodeRuntime.runMain goes on in the background while the next starts).
// The process fails if any snippet fails: an error thrown at the top level, an unhandled rejection,
// or runMain's exit code. The credentials and the mock's URL come from POLYV_*, as for a user.
import { basename } from "node:path"
import { pathToFileURL } from "node:url"

for (const file of process.argv.slice(2)) {
  console.error(`--- ${basename(file)}`)
  await import(pathToFileURL(file).href)
}
