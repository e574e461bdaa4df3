/**
 * Walks a tree on every core: the calling thread (the coordinator) lists folders itself and so do helper
 * worker threads, one fewer than the cores. The coordinator owns a LIFO queue of folders and the visited
 * set of folder ids. It hands each helper batches of folders, keeping up to HELPER_QUEUE waiting so a
 * helper never waits for a round trip, and lists folders from the same queue in slices of a few milliseconds;
 * between slices its event loop takes the helpers' results, a cancel, or (in the app) other requests.
 * Only real folders are ever queued (never links), and a folder id already seen (a bind mount looping
 * back, a folder reached twice) is not listed again, so every walk ends.
 *
 * Why the coordinator walks too: starting a worker thread takes a noticeable share of a whole scan. The
 * coordinator starts at once and helpers join as they come up; with 2 cores, one helper and the
 * coordinator keep both busy without a third thread competing for them.
 */
import * as os from 'node:os'
import type { Worker } from 'node:worker_threads'

import { LinkError } from '../../../shared/errors'
import type { CancelSignal } from '../../../shared/ipc/contract'
import { nativeScan } from './native-scan'
import { nativeWalk } from './native-walk'
import { enterPhase, leavePhase } from './phase-clock'
import {
  type BatchResult,
  FLAG_CANCEL,
  type FromWorker,
  type ToWorker,
  unpackDirs,
  walkDevice,
  type WalkTask,
  type WorkerInit,
} from './scan-protocol'
import { emptyResult, walkDir } from './walk-dir'
import { walkEnding } from './walk-ending'
import { takeScanWorker } from './worker-pool'

/** Largest batch of folders one message carries; small enough that cancel and balance stay fine-grained. */
const MAX_BATCH = 64
/**
 * Folders each helper has waiting: enough to keep a helper busy for several of the coordinator's slices,
 * during which its results wait for the coordinator's event loop.
 */
const HELPER_QUEUE = 128
/** How long the coordinator lists folders before it lets its event loop run. */
const SLICE_MS = 2

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
  /** folders on another device not entered (a scan with `device`) */
  mountsSkipped(): number
  /** folders listed so far */
  folders(): number
}

/** LINKSCOPE_SCAN_WORKERS: helpers besides the calling thread, for tests and measurements; undefined when unset. */
function helpersFromEnv(): number | undefined {
  const fromEnv = Number(process.env.LINKSCOPE_SCAN_WORKERS)
  return process.env.LINKSCOPE_SCAN_WORKERS && Number.isInteger(fromEnv) && fromEnv >= 0
    ? Math.min(fromEnv, COLD_THREADS - 1)
    : undefined
}

/** Helper worker threads besides the coordinator: one fewer than the cores (at most 3); LINKSCOPE_SCAN_WORKERS overrides (at most 15). */
export function helperCount(): number {
  const fromEnv = helpersFromEnv()
  return fromEnv !== undefined ? Math.min(fromEnv, 15) : Math.max(0, Math.min(os.availableParallelism(), 4) - 1)
}

/**
 * How many native walker threads a scan may grow to while its listings read from the disk (native/walk.c
 * grow_if_cold): on a cold cache each walker mostly waits for a read, and more of them keep more reads in
 * flight; on a warm cache the walk never grows past nativeThreadCount().
 */
export const COLD_THREADS = 32

/** The native walk's thread counts: fixed when LINKSCOPE_SCAN_WORKERS is set (tests, measurements), else growing when cold. */
export function nativeThreads(): { threads: number; cold: number } {
  const threads = nativeThreadCount()
  return { threads, cold: helpersFromEnv() !== undefined ? threads : COLD_THREADS }
}

/**
 * The addon's walker threads: twice the cores, at most 8 (LINKSCOPE_SCAN_WORKERS + 1 when set). A stat on
 * a cold cache waits for the disk, and more threads keep more requests in flight; on a warm cache more
 * threads than cores gain nothing and contend for the shared queue's lock, so the count is capped
 * (docs/performance.md has the measurements).
 */
export function nativeThreadCount(): number {
  const helpers = helpersFromEnv()
  return helpers !== undefined ? helpers + 1 : Math.min(2 * os.availableParallelism(), 8)
}

/** `sent`: the folder count of each batch not yet answered, oldest first (a worker answers in order). */
type Helper = { worker: Worker; sent: number[]; queued: number; ready: boolean }

/**
 * A scan and a links-into walk go to the addon's threads where it is built (Linux, macOS); names and
 * candidates, which match entries and may stay on one device, and every walk on Windows, go to worker threads. `native: null`
 * asks for worker threads whatever the platform (tests run both). `threads.helpers`: walkers besides the
 * first (default: nativeThreadCount() native threads, or helperCount() worker threads).
 */
export function walkTree(
  root: string,
  rootId: string,
  task: WalkTask,
  hooks: WalkHooks,
  threads?: { helpers: number },
  native = (task.mode === 'scan' || task.mode === 'links-into') && !hooks.accept ? nativeScan() : null,
): Walk {
  if (native)
    return nativeWalk(
      native,
      root,
      rootId,
      task,
      hooks,
      threads ? { threads: threads.helpers + 1, cold: threads.helpers + 1 } : nativeThreads(),
    )
  const helpers = threads?.helpers ?? helperCount()
  const flags = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT)
  const shared = new Int32Array(flags)
  const stack: string[] = [root]
  const visited = new Set<string>([rootId])
  const device = walkDevice(task)
  let mountsSkipped = 0
  let sliceQueued = false
  let nextBatch = 0
  const pool: Helper[] = []
  const ending = walkEnding(hooks.signal, () => {
    Atomics.store(shared, FLAG_CANCEL, 1) // helpers stop between folders even before terminate() lands
    return Promise.all(pool.map((p) => p.worker.terminate()))
  })
  const finish = ending.finish

  /** Queue the subfolders a listing found. */
  const take = (r: BatchResult): void => {
    for (const [dir, id, dev] of unpackDirs(r.dirs)) {
      if (visited.has(id) || (hooks.accept && !hooks.accept(dir, id, dev))) continue
      if (device !== undefined && dev !== device) {
        mountsSkipped++
        continue
      }
      visited.add(id)
      stack.push(dir)
    }
    r.dirs = ''
  }
  const deliver = (r: BatchResult): void => {
    enterPhase('drain')
    try {
      hooks.onResult(r)
    } catch (e) {
      finish(e instanceof Error ? e : new Error(String(e)))
    } finally {
      leavePhase()
    }
  }

  /** The coordinator's own share: folders from the top of the queue for one slice. */
  const slice = (): void => {
    sliceQueued = false
    if (ending.settled()) return
    const out = emptyResult(nextBatch++)
    const until = performance.now() + SLICE_MS
    while (stack.length > 0 && performance.now() < until) {
      walkDir(stack.pop() as string, task, out)
      take(out)
    }
    deliver(out)
    pump()
  }

  const pump = (): void => {
    if (ending.settled()) return
    const walkers = 1 + pool.filter((p) => p.ready).length
    for (const p of pool) {
      if (!p.ready) continue // a batch waits in no queue while its helper is still starting
      while (p.queued < HELPER_QUEUE && stack.length > 0) {
        const size = Math.min(MAX_BATCH, Math.ceil(stack.length / walkers))
        const dirs = stack.splice(stack.length - size, size)
        p.sent.push(size)
        p.queued += size
        p.worker.postMessage({ type: 'batch', batch: nextBatch++, dirs } satisfies ToWorker)
      }
    }
    if (stack.length > 0) {
      if (!sliceQueued) {
        sliceQueued = true
        setImmediate(slice)
      }
    } else if (pool.every((p) => p.sent.length === 0)) finish('done')
  }

  for (let i = 0; i < helpers; i++) {
    const { worker, ready } = takeScanWorker()
    worker.postMessage({ type: 'init', init: { task, flags } satisfies WorkerInit } satisfies ToWorker)
    const helper: Helper = { worker, sent: [], queued: 0, ready }
    pool.push(helper)
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        helper.ready = true
        pump()
        return
      }
      helper.queued -= helper.sent.shift() ?? 0
      if (ending.settled() || m.type !== 'result') return
      take(m.result)
      deliver(m.result)
      pump()
    })
    worker.on('error', (e) => finish(new LinkError('UNKNOWN', `A scan worker failed: ${e.message}`)))
    worker.on('exit', (code) => {
      if (!ending.settled()) finish(new LinkError('UNKNOWN', `A scan worker stopped unexpectedly (exit code ${code}).`))
    })
  }

  ending.start(pump)
  return {
    done: ending.done,
    queued: () => stack.length,
    stop: () => finish('stopped'),
    mountsSkipped: () => mountsSkipped,
    folders: () => visited.size,
  }
}
