/**
 * The mock's own view of a request and an answer, free of any HTTP library, so the same handler
 * serves in-process calls, a node:http server and an Effect layer.
 *
 * @module
 */

export interface MockRequest {
  readonly method: string
  /** The path, without the query. */
  readonly path: string
  /** Query and (for POST forms) body parameters; the first value of a repeated name counts. */
  readonly params: ReadonlyMap<string, string>
}

export interface MockResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Uint8Array
}

/** Merges query and form parameters the way a servlet's `getParameter` does: first value wins. */
export const collectParams = (...sources: ReadonlyArray<URLSearchParams>): Map<string, string> => {
  const params = new Map<string, string>()
  for (const source of sources) {
    for (const [name, value] of source) if (!params.has(name)) params.set(name, value)
  }
  return params
}

export const jsonHeaders = { "content-type": "application/json;charset=UTF-8" } as const
