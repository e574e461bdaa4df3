/**
 * Walks a tree with worker threads. The coordinator (this module, on the calling thread) owns a LIFO
 * queue of folders and the visited set of folder ids; it hands each worker small batches of folders, two
 * batches in flight per worker so a worker never waits for a round trip, and queues the subfolders each
 * result reports. Only real folders are ever queued (never links), and a folder id already seen (a bind
 * mount looping back, a folder reached twice) is not listed again, so every walk ends.
 *
 * Measured on the 200k-entry bench tree (2 cores, 5 alternating runs, same per-folder work): this shared
 * queue took 697–1420 ms (median 1031), splitting the top-level folders between workers 1155–1478 ms
 * (median 1356): with a split, one worker sits idle while the other finishes a big subtree.
 */
import * as os from 'node:os'
import type { Worker } from 'node:worker_threads'
import { LinkError } from '../../../shared/errors'
import type { CancelSignal } from '../../../shared/ipc/contract'
import { FLAG_CANCEL, unpackDirs, type BatchResult, type FromWorker, type ToWorker, type WalkTask, type WorkerInit } from './scan-protocol'
import { takeScanWorker } from './worker-pool'

/** Largest batch of folders one message carries; small enough that cancel and balance stay fine-grained. */
const MAX_BATCH = 64
const IN_FLIGHT = 2

export type WalkHooks = {
  signal: CancelSignal
  onResult(result: BatchResult): void
  /** whether to descend into a subfolder (names: stay on the file's device) */
  accept?(dir: string, id: string, dev: number): boolean
}

export type WalkOutcome = 'done' | 'cancelled' | 'stopped'

export type Walk = {
  readonly done: Promise<WalkOutcome>
  /** folders waiting to be listed */
  queued(): number
  /** end early (e.g. every name found); `done` resolves 'stopped' */
  stop(): void
}

export function workerCount(): number {
  const fromEnv = Number(process.env.LINKSCOPE_SCAN_WORKERS)
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.min(fromEnv, 16)
  return Math.max(1, Math.min(os.availableParallelism(), 4))
}

export function walkTree(root: string, rootId: string, task: WalkTask, hooks: WalkHooks, workers = workerCount()): Walk {
  const flags = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT)
  const shared = new Int32Array(flags)
  const stack: string[] = [root]
  const visited = new Set<string>([rootId])
  let settled = false
  let resolveDone!: (o: WalkOutcome) => void
  let rejectDone!: (e: unknown) => void
  const done = new Promise<WalkOutcome>((res, rej) => { resolveDone = res; rejectDone = rej })
  let nextBatch = 0

  const pool: { worker: Worker; inFlight: number }[] = []

  const finish = (outcome: WalkOutcome | Error): void => {
    if (settled) return
    settled = true
    Atomics.store(shared, FLAG_CANCEL, 1) // workers stop between folders even before terminate() lands
    hooks.signal.removeEventListener('abort', onAbort)
    void Promise.all(pool.map((p) => p.worker.terminate())).then(() => {
      if (outcome instanceof Error) rejectDone(outcome)
      else resolveDone(outcome)
    })
  }
  const onAbort = (): void => finish('cancelled')

  const pump = (): void => {
    if (settled) return
    for (const p of pool) {
      while (p.inFlight < IN_FLIGHT && stack.length > 0) {
        const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(stack.length / (IN_FLIGHT * pool.length))))
        const dirs = stack.splice(stack.length - size, size)
        p.inFlight++
        p.worker.postMessage({ type: 'batch', batch: nextBatch++, dirs } satisfies ToWorker)
      }
    }
    if (stack.length === 0 && pool.every((p) => p.inFlight === 0)) finish('done')
  }

  for (let i = 0; i < workers; i++) {
    const worker = takeScanWorker()
    worker.postMessage({ type: 'init', init: { task, flags } satisfies WorkerInit } satisfies ToWorker)
    const slot = { worker, inFlight: 0 }
    pool.push(slot)
    worker.on('message', (m: FromWorker) => {
      slot.inFlight--
      if (settled || m.type !== 'result') return
      const r = m.result
      for (const [dir, id, dev] of unpackDirs(r.dirs)) {
        if (visited.has(id) || (hooks.accept && !hooks.accept(dir, id, dev))) continue
        visited.add(id)
        stack.push(dir)
      }
      try {
        hooks.onResult(r)
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)))
        return
      }
      pump()
    })
    worker.on('error', (e) => finish(new LinkError('UNKNOWN', `A scan worker failed: ${e.message}`)))
    worker.on('exit', (code) => { if (!settled) finish(new LinkError('UNKNOWN', `A scan worker stopped unexpectedly (exit code ${code}).`)) })
  }

  if (hooks.signal.aborted) finish('cancelled')
  else {
    hooks.signal.addEventListener('abort', onAbort)
    pump()
  }
  return { done, queued: () => stack.length, stop: () => finish('stopped') }
}
