/**
 * A scan worker thread (built to out/engine/scan-worker.js). It lists the batches of folders the
 * coordinator hands it and posts one result per batch. It checks the shared cancel flag between
 * folders, so a cancel stops it within one folder's listing even before the coordinator terminates it.
 */
import { parentPort } from 'node:worker_threads'

import { FLAG_CANCEL, type FromWorker, type ToWorker, type WorkerInit } from './scan-protocol'
import { emptyResult, walkDir } from './walk-dir'

const port = parentPort
if (!port) throw new Error('scan-worker must run in a worker thread')
// Started ahead of time by the worker pool; the walk that takes this worker says what to do first.
let task: WorkerInit['task'] | undefined
let shared: Int32Array<ArrayBufferLike> = new Int32Array(1)

port.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    task = m.init.task
    shared = new Int32Array(m.init.flags)
    return
  }
  if (!task) throw new Error('scan-worker got a batch before its task')
  const out = emptyResult(m.batch)
  for (const dir of m.dirs) {
    if (Atomics.load(shared, FLAG_CANCEL) !== 0) {
      port.postMessage({ type: 'cancelled', batch: m.batch } satisfies FromWorker)
      return
    }
    walkDir(dir, task, out)
  }
  port.postMessage({ type: 'result', result: out } satisfies FromWorker)
})
port.postMessage({ type: 'ready' } satisfies FromWorker)
