/**
 * Where the mock's own routes live (admin API, report files): one prefix, apart from every Polyv
 * path, so a request is Polyv's or the mock's by its path alone.
 *
 * @module
 */

/** The admin API and the report files are served under this path. */
export const adminPrefix = "/__mock/"

/** Whether a path is the mock's own (the prefix, with or without its trailing slash). */
export const isAdminPath = (path: string): boolean => path === adminPrefix.slice(0, -1) || path.startsWith(adminPrefix)
