/**
 * The commands that call Polyv, in the order help and the demo show them.
 *
 * @module
 */
import * as Concurrency from "./concurrency.js"
import * as Durations from "./durations.js"
import * as MicUsage from "./micUsage.js"
import * as Report from "./report.js"
import * as Sessions from "./sessions.js"
import * as Verify from "./verify.js"

export const commands = [
  Sessions.command,
  Durations.command,
  Concurrency.command,
  MicUsage.command,
  Report.command,
  Verify.command,
] as const
