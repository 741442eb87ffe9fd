/**
 * The environment variables the API commands read, named once: the flags fall back to them (see
 * GlobalFlags), and help, hints and the demo name them. A module of its own so that errors/ExitCode
 * can name them without importing GlobalFlags (which imports ExitCode).
 *
 * @module
 */
import { credentialsEnv } from "@polyv-stats/core"

/** Core's names: the same variables `PolyvClient.layerConfig` reads. */
export const env = credentialsEnv
