/**
 * `--channel`, the one channel a command is about (`sessions`, `report`): declared once here so
 * that its parsing and help are the same wherever it is used.
 *
 * @module
 */
import { Flag } from "effect/cli"
import * as Values from "./values.js"

export const channel = Flag.String("channel").pipe(
  Flag.withMetavar("id"),
  Flag.withDescription("Channel ID (digits), e.g. 2272655"),
  Flag.filterMap(Values.channelId, () => Values.expected.channelId),
)
