/**
 * A sorted list that grows by streamed batches. Each batch is merged as it arrives (a small merge, see
 * lib/sorted.ts), so no single task ever sorts or merges the whole list at once; what has been merged is
 * shown at once the first time and then at most every `everyMs`, so the table is redrawn a few times a
 * second however many batches arrive.
 */
import { mergeSorted } from '../../lib/sorted'

export type SortedStream<T> = {
  /** Merge a batch in; shows it at once if nothing was shown yet, else within `everyMs`. */
  push(items: readonly T[]): void
  /** Show what is merged and not shown yet (the stream ended). */
  flush(): void
  /** Drop the pending show (the stream was replaced). */
  stop(): void
}

/**
 * `orderOf` is asked per batch: when its `key` changes (a header was clicked while the list streams), the
 * rows merged so far are sorted once in the new order. `show` gets the whole sorted list and the rows
 * added since the last show.
 */
export function sortedStream<T>(
  orderOf: () => { key: unknown; order: (a: T, b: T) => number },
  show: (all: T[], added: T[]) => void,
  everyMs: number,
): SortedStream<T> {
  let all: T[] = []
  let added: T[] = []
  let key: unknown
  let shownOnce = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (added.length === 0) return
    const fresh = added
    added = []
    shownOnce = true
    show(all, fresh)
  }
  return {
    push(items) {
      if (items.length === 0) return
      const current = orderOf()
      if (current.key !== key && all.length > 0) all = [...all].sort(current.order)
      key = current.key
      all = mergeSorted(all, items, current.order)
      for (const item of items) added.push(item)
      if (!shownOnce) flush()
      else if (!timer) timer = setTimeout(flush, everyMs)
    },
    flush,
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      added = []
    },
  }
}
