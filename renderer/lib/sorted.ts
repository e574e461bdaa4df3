/** Sorted lists that grow by streamed batches, and the header click that changes their order. */

/**
 * Add a batch to an already sorted list: sort the batch, then merge in one pass. A streamed list of
 * 100k rows is not sorted whole again on every flush.
 */
export function mergeSorted<T>(sorted: readonly T[], batch: readonly T[], order: (a: T, b: T) => number): T[] {
  const add = [...batch].sort(order)
  const out: T[] = new Array(sorted.length + add.length)
  let i = 0,
    j = 0,
    k = 0
  while (i < sorted.length && j < add.length) out[k++] = order(sorted[i]!, add[j]!) <= 0 ? sorted[i++]! : add[j++]!
  while (i < sorted.length) out[k++] = sorted[i++]!
  while (j < add.length) out[k++] = add[j++]!
  return out
}

/** Clicking a header: sort by it, or flip the direction when it already is the sort column. */
export const nextSort = <S extends { column: string; desc: boolean }>(sort: S, column: S['column']): S =>
  sort.column === column ? { ...sort, desc: !sort.desc } : { ...sort, column, desc: false }
