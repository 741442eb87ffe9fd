/**
 * The CLI's version, from package.json: the bundler replaces `__POLYV_STATS_VERSION__` (see
 * rolldown.config.mjs); unbundled runs say `dev`.
 *
 * @module
 */
declare const __POLYV_STATS_VERSION__: string | undefined

export const version: string = typeof __POLYV_STATS_VERSION__ === "string" ? __POLYV_STATS_VERSION__ : "dev"
