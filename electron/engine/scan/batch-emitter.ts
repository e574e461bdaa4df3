/** Streams items in batches (every 50 ms or 500 items, whichever comes first), never one message per item. */
import type { StreamContext } from '../../../shared/ipc/contract'

export type BatchEmitter<I> = {
  push(item: I): void
  /** send what is buffered now */
  flush(): void
  /** flush and stop the timer; later pushes are dropped */
  close(): void
}

export function createBatchEmitter<I>(ctx: StreamContext<I>, maxItems = 500, maxMs = 50): BatchEmitter<I> {
  let buffer: I[] = []
  let last = performance.now()
  let closed = false
  const flush = (): void => {
    last = performance.now()
    if (buffer.length === 0 || ctx.signal.aborted) {
      buffer = []
      return
    }
    const items = buffer
    buffer = []
    ctx.emit(items)
  }
  // Results arrive in bursts from workers; the timer sends a quiet tail without waiting for the next burst.
  const timer = setInterval(() => {
    if (performance.now() - last >= maxMs) flush()
  }, maxMs)
  timer.unref()
  return {
    push(item) {
      if (closed) return
      buffer.push(item)
      if (buffer.length >= maxItems || performance.now() - last >= maxMs) flush()
    },
    flush,
    close() {
      if (closed) return
      clearInterval(timer)
      flush()
      closed = true
    },
  }
}
