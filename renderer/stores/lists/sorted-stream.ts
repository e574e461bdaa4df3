/**
 * A sorted list that grows by streamed batches. Each batch is sorted into the rows that arrived since the
 * last show (a small merge, see lib/sorted.ts); a show merges those into the list once, so no task ever
 * sorts the whole list, and the list is copied once per show rather than once per batch. What has
 * arrived is shown at once the first time and then at most every `everyMs`, so the table is redrawn a
 * few times a second however many batches arrive.
 */
import { type Keyed, mergeKeyed, mergeSorted, sortKeyed } from '../../lib/sorted'

export type SortedStream<T> = {
  /** Sort a batch in; shows it at once if nothing was shown yet, else within `everyMs`. */
  push(items: readonly T[]): void
  /** Show what arrived and is not shown yet (the stream ended). */
  flush(): void
  /** Drop the pending show (the stream was replaced). */
  stop(): void
}

/**
 * The order rows are kept in. `sortKey`, when the order has one, gives a string per row whose plain
 * order is `order`'s (null for a row only `order` can place): comparing keys is much cheaper than
 * calling `order`, and the keys are kept beside the rows rather than on them.
 */
export type StreamOrder<T> = {
  key: unknown
  order: (a: T, b: T) => number
  sortKey?: (row: T) => string | null
}

/** Rows in order, with their keys while every row has one. */
type Run<T> = { rows: T[]; keys: string[] | null }

const EMPTY = { rows: [], keys: [] }

/** Each row's key, or null when a row has none (then the order's comparator places them all). */
function keysOf<T>(rows: readonly T[], sortKey: ((row: T) => string | null) | undefined): string[] | null {
  if (!sortKey) return null
  const keys: string[] = []
  for (const row of rows) {
    const k = sortKey(row)
    if (k === null) return null
    keys.push(k)
  }
  return keys
}

/** `rows` in `order`: by their keys when every row has one. */
function sortRun<T>(rows: readonly T[], order: StreamOrder<T>): Run<T> {
  const keys = keysOf(rows, order.sortKey)
  return keys ? sortKeyed(rows, keys) : { rows: [...rows].sort(order.order), keys: null }
}

function mergeRuns<T>(a: Run<T>, b: Run<T>, order: StreamOrder<T>): Run<T> {
  if (a.keys && b.keys) return mergeKeyed(a as Keyed<T>, b as Keyed<T>)
  return { rows: mergeSorted(a.rows, b.rows, order.order), keys: null }
}

/**
 * `orderOf` is asked per batch and per show: when its `key` changes (a header was clicked while the list
 * streams), the rows held so far are sorted once in the new order. `show` gets the whole sorted list and
 * the rows added since the last show.
 */
export function sortedStream<T>(
  orderOf: () => StreamOrder<T>,
  show: (all: T[], added: T[]) => void,
  everyMs: number,
): SortedStream<T> {
  let all: Run<T> = EMPTY
  let fresh: Run<T> = EMPTY
  let key: unknown
  let shownOnce = false
  let timer: ReturnType<typeof setTimeout> | null = null
  /** The current order; what is held is sorted again if it changed. */
  const ordered = (): StreamOrder<T> => {
    const current = orderOf()
    if (current.key !== key) {
      if (all.rows.length > 0) all = sortRun(all.rows, current)
      if (fresh.rows.length > 0) fresh = sortRun(fresh.rows, current)
      key = current.key
    }
    return current
  }
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (fresh.rows.length === 0) return
    const current = ordered()
    // the rows in arrival order are only needed for their counts
    const added = fresh.rows
    all = mergeRuns(all, fresh, current)
    fresh = EMPTY
    shownOnce = true
    show(all.rows, added)
  }
  return {
    push(items) {
      if (items.length === 0) return
      const current = ordered()
      fresh = mergeRuns(fresh, sortRun(items, current), current)
      if (!shownOnce) flush()
      else if (!timer) timer = setTimeout(flush, everyMs)
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      fresh = EMPTY
    },
  }
}
