/**
 * Polyv's page object, computed the way the seed example shows it: `limit` is the number of items
 * on this page, `prePageNumber` stays 1 on the first page and `nextPageNumber` stays on the last.
 * With no items at all: `totalPages` 0, `startRow` and `endRow` 0, first and last page both true.
 *
 * @module
 */
import type { Contract } from "@polyv-stats/core"

/** The contract's page object (`Contract.SessionPage`), over items of any kind. */
export type Page<A> = Omit<Contract.SessionPage, "contents"> & { readonly contents: ReadonlyArray<A> }

/** Page `pageNumber` of the items at indexes `[from, to)`, making only this page's items with `itemAt`. */
export const paginateIndexes = <A>(
  from: number,
  to: number,
  pageNumber: number,
  pageSize: number,
  itemAt: (index: number) => A,
): Page<A> => {
  const totalItems = to - from
  const totalPages = Math.ceil(totalItems / pageSize)
  const offset = (pageNumber - 1) * pageSize
  const contents: Array<A> = []
  for (let i = Math.min(from + offset, to), end = Math.min(from + offset + pageSize, to); i < end; i++) {
    contents.push(itemAt(i))
  }
  const lastPage = pageNumber >= totalPages
  return {
    pageSize,
    pageNumber,
    totalItems,
    contents,
    startRow: contents.length === 0 ? offset : offset + 1,
    firstPage: pageNumber === 1,
    lastPage,
    prePageNumber: Math.max(pageNumber - 1, 1),
    nextPageNumber: lastPage ? pageNumber : pageNumber + 1,
    limit: contents.length,
    totalPages,
    endRow: offset + contents.length,
    offset,
  }
}
