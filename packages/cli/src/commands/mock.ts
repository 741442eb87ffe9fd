/**
 * `polyv-stats mock` is the mock-server package's own command, mounted as is (all its flags).
 *
 * @module
 */
import { MockCommand } from "@polyv-stats/mock-server"

export const command = MockCommand.command
