/** How every walk ends, whichever threads walk it: once, when done, cancelled (the signal), stopped, or failed. */
import type { CancelSignal } from '../../../shared/ipc/contract'
import type { WalkOutcome } from './walk-tree'

export type WalkEnding = {
  readonly done: Promise<WalkOutcome>
  /** End the walk (later calls do nothing): `cleanup` runs, then `done` settles with the outcome. */
  finish(outcome: WalkOutcome | Error): void
  settled(): boolean
  /** Begin, unless the signal is cancelled already; a cancel from now on finishes the walk. */
  start(begin: () => void): void
}

export function walkEnding(signal: CancelSignal, cleanup: () => Promise<unknown> | void): WalkEnding {
  let settled = false
  let resolveDone!: (o: WalkOutcome) => void
  let rejectDone!: (e: unknown) => void
  const done = new Promise<WalkOutcome>((res, rej) => {
    resolveDone = res
    rejectDone = rej
  })
  const finish = (outcome: WalkOutcome | Error): void => {
    if (settled) return
    settled = true
    signal.removeEventListener('abort', onAbort)
    void Promise.resolve(cleanup()).then(() => {
      if (outcome instanceof Error) rejectDone(outcome)
      else resolveDone(outcome)
    })
  }
  const onAbort = (): void => finish('cancelled')
  return {
    done,
    finish,
    settled: () => settled,
    start(begin) {
      if (signal.aborted) finish('cancelled')
      else {
        signal.addEventListener('abort', onAbort)
        begin()
      }
    },
  }
}
