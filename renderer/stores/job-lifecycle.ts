/**
 * One streamed engine job per view (a comparison, a duplicates search): starting again cancels the last
 * one, and a replaced job's late batches and end are ignored. Rows are buffered and merged at most every
 * `flushMs` (the first ones at once); the end is told as done, cancelled or failed.
 */
import type { AppError } from '../../shared/errors'
import type { Job } from '../../shared/ipc/contract'
import { streamBuffer } from './lists/stream-buffer'

export type JobEnd<S> =
  | { status: 'done'; value: S; error: null }
  | { status: 'cancelled'; error: null }
  | { status: 'failed'; error: AppError }

export type JobStream<I, R> = {
  flushMs: number
  /** Take one batch of items: act on the side ones (progress, errors) and return the rows. */
  rowsOf(items: I[]): R[]
  /** Merge flushed rows into the view. */
  addRows(rows: R[]): void
  /** Whether the view has no rows yet (the first rows are shown at once). */
  isEmpty(): boolean
}

export type JobLifecycle<I, S> = {
  /** Cancel the last job, open a new one with the push it is to call, and call `end` once it ends. */
  start(open: (push: (items: I[]) => void) => Job<S>, end: (e: JobEnd<S>) => void): void
  /** Cancel the running job, if any. */
  cancel(): void
}

export function jobLifecycle<I, R, S>(stream: JobStream<I, R>): JobLifecycle<I, S> {
  let job: Job<S> | null = null
  let generation = 0
  return {
    start(open, end) {
      job?.cancel()
      const mine = ++generation
      const buffer = streamBuffer<R>(
        (rows) => {
          if (mine === generation) stream.addRows(rows)
        },
        () => stream.flushMs,
      )
      const current = open((items) => {
        if (mine === generation) buffer.push(stream.rowsOf(items), stream.isEmpty())
      })
      job = current
      void current.done.then((r) => {
        if (mine !== generation) return
        buffer.flush()
        job = null
        if (r.ok) end({ status: 'done', value: r.value, error: null })
        else if (r.error.code === 'CANCELLED') end({ status: 'cancelled', error: null })
        else end({ status: 'failed', error: r.error })
      })
    },
    cancel() {
      job?.cancel()
    },
  }
}
