/**
 * A search that streams what it finds into one field of the store ("Show all names", "Links pointing
 * here"): one at a time (a new one cancels the one before), items appended as they come, then the
 * result or the error.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'

export type SearchState<T, R> = {
  root: string | null
  found: T[]
  done: boolean
  result: R | null
  error: AppError | null
}

/**
 * The arguments for a search from `path` under `root`. Without a root the engine searches the whole
 * drive; the argument is then left out rather than sent as undefined, which JSON (browser mode) makes null.
 */
export function rootArgs(path: string, root: string | null): [string, string | undefined] {
  return (root ? [path, root] : [path]) as unknown as [string, string | undefined]
}

export function searchStream<T, R, S extends SearchState<T, R>>(read: () => S | null, write: (s: S | null) => void) {
  let current: Job<R> | null = null
  return {
    /** `end`: the state once the result is in (default: done, with the result). */
    start(
      initial: S,
      begin: (onItems: (items: T[]) => void) => Job<R>,
      end: (s: S, r: R) => S = (s, r) => ({ ...s, done: true, result: r }),
    ): void {
      current?.cancel()
      write(initial)
      const job = begin((items) => {
        const cur = read()
        if (current === job && cur) write({ ...cur, found: [...cur.found, ...items] })
      })
      current = job
      void job.done.then((r) => {
        const cur = read()
        if (current !== job || !cur) return
        current = null
        write(r.ok ? end(cur, r.value) : { ...cur, done: true, error: r.error })
      })
    },
    stop(): void {
      current?.cancel()
      current = null
      write(null)
    },
  }
}
