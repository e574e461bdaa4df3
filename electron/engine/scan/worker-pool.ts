/**
 * Scan workers started ahead of time. Starting a worker thread costs tens of milliseconds (more on a
 * busy machine), and a scan wants its first results on screen within 200 ms; so the engine keeps a few
 * idle workers ready, and every walk that takes them has replacements started behind it. Idle workers
 * are unref'd: they never keep a process alive. Walks still terminate the workers they used, so a
 * cancel stops at once and no state leaks from one walk to the next.
 */
import { Worker } from 'node:worker_threads'

import type { FromWorker } from './scan-protocol'
import { scanWorkerPath } from './worker-path'

const spares: Worker[] = []
/** spares that have said 'ready' (their script is loaded and waiting for a task) */
const started = new WeakSet<Worker>()
let wanted = 0

function spawnSpare(): void {
  const worker = new Worker(scanWorkerPath())
  worker.unref()
  const drop = (): void => {
    const i = spares.indexOf(worker)
    if (i >= 0) spares.splice(i, 1)
  }
  worker.once('exit', drop)
  worker.once('error', drop) // a spare that fails is simply not used
  worker.once('message', (m: FromWorker) => {
    if (m.type === 'ready') started.add(worker)
  })
  spares.push(worker)
}

/** Keep `count` idle workers ready from now on (the app's engine calls this at start). */
export function prewarmScanWorkers(count: number): void {
  wanted = count
  while (spares.length < wanted) spawnSpare()
}

/**
 * A worker for a walk: a spare when there is one, else a new one. `ready` says whether it has started
 * already; if not, its 'ready' message comes to the caller's listener. The caller owns it (and ends it).
 */
export function takeScanWorker(): { worker: Worker; ready: boolean } {
  const worker = spares.shift() ?? new Worker(scanWorkerPath())
  worker.ref()
  worker.removeAllListeners('exit')
  worker.removeAllListeners('error')
  worker.removeAllListeners('message')
  if (spares.length < wanted)
    setImmediate(() => {
      while (spares.length < wanted) spawnSpare()
    })
  return { worker, ready: started.has(worker) }
}
