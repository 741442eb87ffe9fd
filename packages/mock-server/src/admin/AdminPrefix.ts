/**
 * Where the mock's own routes live (admin API, report files): one prefix, apart from every Polyv
 * path, so a request is Polyv's or the mock's by its path alone.
 *
 * @module
 */

/** The admin API and the report files are served under this path. */
export const adminPrefix = "/__mock/"

/** The folder under which the mock serves report files (bearer links, not admin routes). */
export const reportsPrefix = `${adminPrefix}reports/`

/** Whether a path is the mock's own (the prefix, with or without its trailing slash). */
export const isAdminPath = (path: string): boolean => path === adminPrefix.slice(0, -1) || path.startsWith(adminPrefix)

/**
 * Whether a path is an admin route: the mock's own, but not a report link. Admin routes are the
 * ones the Host, Origin and token checks guard (see SECURITY.md); report links carry their own token.
 */
export const isAdminRoute = (path: string): boolean => isAdminPath(path) && !path.startsWith(reportsPrefix)
