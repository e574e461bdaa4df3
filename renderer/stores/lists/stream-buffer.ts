/**
 * "Buffer, then stream" for items that arrive in batches (a folder listing, a scan, folder sizes): what
 * must show at once is flushed at once; the rest is gathered and flushed at most every `everyMs`, so a
 * big list is merged and redrawn once per flush rather than once per batch.
 */
export type StreamBuffer<T> = {
  /** Add items; `now` flushes them (and anything gathered) at once. */
  push(items: readonly T[], now?: boolean): void
  /** Flush what is gathered (the stream ended). */
  flush(): void
  /** Drop what is gathered and the pending flush (the stream was replaced). */
  stop(): void
  /** With `keyOf`: the newest gathered item of that key, not yet flushed. */
  pending(key: string): T | undefined
}

/** `keyOf` makes a newer item replace a gathered one of the same key (a folder's latest figures). */
export function streamBuffer<T>(
  onFlush: (items: T[]) => void,
  everyMs: () => number,
  keyOf?: (item: T) => string,
): StreamBuffer<T> {
  let gathered: T[] = []
  const slots = new Map<string, number>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancelTimer = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  const flush = (): void => {
    cancelTimer()
    if (gathered.length === 0) return
    const items = gathered
    gathered = []
    slots.clear()
    onFlush(items)
  }
  return {
    push(items, now = false) {
      for (const item of items) {
        const key = keyOf?.(item)
        const slot = key === undefined ? undefined : slots.get(key)
        if (slot !== undefined) gathered[slot] = item
        else {
          if (key !== undefined) slots.set(key, gathered.length)
          gathered.push(item)
        }
      }
      if (now) flush()
      else if (!timer && gathered.length > 0) timer = setTimeout(flush, everyMs())
    },
    flush,
    stop() {
      cancelTimer()
      gathered = []
      slots.clear()
    },
    pending(key) {
      const slot = slots.get(key)
      return slot === undefined ? undefined : gathered[slot]
    },
  }
}
