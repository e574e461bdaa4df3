/** Sorted lists that grow by streamed batches, and the header click that changes their order. */

/**
 * Add a batch to an already sorted list: sort the batch, then place each of its rows by galloping from
 * where the previous one went. A streamed list of 100k rows is not sorted whole again per batch, and a
 * small batch costs about `batch × log(list / batch)` comparisons rather than one per row of the list.
 * Rows of the list that tie with a new row stay before it.
 */
export function mergeSorted<T>(sorted: readonly T[], batch: readonly T[], order: (a: T, b: T) => number): T[] {
  const add = [...batch].sort(order)
  // grown by push: `new Array(n)` of 100k or more is a slow dictionary in V8
  const out: T[] = []
  let i = 0
  for (const row of add) {
    const at = firstAfter(sorted, row, i, order)
    while (i < at) out.push(sorted[i++]!)
    out.push(row)
  }
  while (i < sorted.length) out.push(sorted[i++]!)
  return out
}

/** Rows beside their sort keys: strings whose plain order is the rows' order. */
export type Keyed<T> = { rows: T[]; keys: string[] }

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Rows in the plain order of their keys (ties keep their order). */
export function sortKeyed<T>(rows: readonly T[], keys: readonly string[]): Keyed<T> {
  const at = keys.map((_, i) => i).sort((i, j) => byString(keys[i]!, keys[j]!))
  return { rows: at.map((i) => rows[i]!), keys: at.map((i) => keys[i]!) }
}

/**
 * `mergeSorted` for keyed rows: a comparison is one string comparison, with no comparator to call and no
 * row to read. Rows of `sorted` that tie with a new row stay before it.
 */
export function mergeKeyed<T>(sorted: Keyed<T>, batch: Keyed<T>): Keyed<T> {
  // plain loops over local arrays: this copies the whole list once per show, 100k rows and more
  const { rows: oldRows, keys: oldKeys } = sorted
  const { rows: newRows, keys: newKeys } = batch
  if (newKeys.length === 0) return sorted
  if (oldKeys.length === 0) return batch
  const rows: T[] = []
  const keys: string[] = []
  let i = 0
  for (let k = 0; k < newKeys.length; k++) {
    const key = newKeys[k]!
    const at = firstAfter(oldKeys, key, i, byString)
    for (; i < at; i++) {
      rows.push(oldRows[i]!)
      keys.push(oldKeys[i]!)
    }
    rows.push(newRows[k]!)
    keys.push(key)
  }
  for (; i < oldKeys.length; i++) {
    rows.push(oldRows[i]!)
    keys.push(oldKeys[i]!)
  }
  return { rows, keys }
}

/** The first index from `from` on whose row sorts after `row`: steps of 1, 2, 4… then a binary search. */
function firstAfter<T>(sorted: readonly T[], row: T, from: number, order: (a: T, b: T) => number): number {
  let lo = from,
    hi = from,
    step = 1
  while (hi < sorted.length && order(sorted[hi]!, row) <= 0) {
    lo = hi + 1
    hi += step
    step *= 2
  }
  hi = Math.min(hi, sorted.length)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (order(sorted[mid]!, row) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Clicking a header: sort by it, or flip the direction when it already is the sort column. */
export const nextSort = <S extends { column: string; desc: boolean }>(sort: S, column: S['column']): S =>
  sort.column === column ? { ...sort, desc: !sort.desc } : { ...sort, column, desc: false }
