/**
 * The environment variables the API commands read, named once: the flags fall back to them (see
 * GlobalFlags), and help, hints and the demo name them. A module of its own so that errors/ExitCode
 * can name them without importing GlobalFlags (which imports ExitCode).
 *
 * @module
 */

export const env = {
  baseUrl: "POLYV_BASE_URL",
  appId: "POLYV_APP_ID",
  appSecret: "POLYV_APP_SECRET",
} as const
