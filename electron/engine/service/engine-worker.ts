/**
 * The engine thread: runs the dispatcher (and with it every synchronous fs or FFI call) off the
 * Electron main thread and off the browser-mode server's event loop (ARCHITECTURE.md, "How work runs").
 */
import { parentPort, workerData } from 'node:worker_threads'

import { batchMessage } from '../../../shared/ipc/columns'
import { helperCount } from '../scan/walk-tree'
import { prewarmScanWorkers } from '../scan/worker-pool'
import { createDispatcher } from './dispatch'
import type { HostMessage, WorkerMessage } from './engine-protocol'
import { createHandlers, type EngineConfig } from './handlers'

const port = parentPort
if (!port) throw new Error('engine-worker must run in a worker thread')
const dispatcher = createDispatcher(createHandlers(workerData as EngineConfig))
// The app scans often and wants first results at once: keep scan workers ready (see worker-pool.ts).
prewarmScanWorkers(helperCount())
const post = (m: WorkerMessage): void => port.postMessage(m)

port.on('message', (m: HostMessage) => {
  if ('type' in m) {
    post({ type: 'pong' })
    return
  }
  const push = m.socketText
    ? (jobId: string, items: unknown[]) => post({ type: 'encoded', jobId, text: batchMessage(jobId, items) })
    : (jobId: string, items: unknown[]) => post({ type: 'items', jobId, items })
  void dispatcher.dispatch(m.channel, m.envelope, push).then((result) => post({ type: 'result', id: m.id, result }))
})
