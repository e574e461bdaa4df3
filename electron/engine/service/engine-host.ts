/**
 * The engine as seen from the Electron main process or the browser-mode server: requests go to the
 * engine worker thread, stream batches come back to whoever started the job. Each UI connection gets
 * a session, so one window cannot see or cancel another's jobs, and closing it cancels its jobs.
 */
import * as path from 'node:path'
import { Worker } from 'node:worker_threads'
import { err, LinkError, toAppError, type Result } from '../../../shared/errors'
import { ALL_CHANNELS, JOB_CANCEL_CHANNEL, rawEnvelope } from '../../../shared/ipc/contract'
import { outsideAsar } from '../model/outside-asar'
import type { HostMessage, WorkerMessage } from './engine-protocol'
import type { EngineConfig } from './handlers'

const KNOWN = new Set(ALL_CHANNELS)

/** The built worker sits next to the bundle that starts it (out/engine/ beside out/main, out/cli). */
export const defaultWorkerPath = (): string => outsideAsar(path.join(__dirname, '..', 'engine', 'engine-worker.js'))

export type EngineSession = {
  request(channel: string, envelope: unknown): Promise<Result<unknown>>
  /** Cancel this session's running jobs (window closed, socket dropped). */
  close(): void
}

export type EngineHost = {
  session(onItems: (jobId: string, items: unknown[]) => void): EngineSession
  close(): Promise<void>
}

export function startEngineHost(config: EngineConfig, workerPath = defaultWorkerPath()): EngineHost {
  const worker = new Worker(workerPath, { workerData: config })
  worker.unref()
  let nextId = 1
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const jobOwners = new Map<string, (jobId: string, items: unknown[]) => void>()
  let dead: Error | undefined

  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'items') jobOwners.get(m.jobId)?.(m.jobId, m.items)
    else { pending.get(m.id)?.(m.result); pending.delete(m.id) }
  })
  const failAll = (e: Error): void => {
    dead = e
    for (const resolve of pending.values()) resolve(err({ code: 'UNKNOWN', message: `The engine stopped: ${e.message}` }))
    pending.clear()
  }
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`exit code ${code}`)))

  const send = (channel: string, envelope: unknown): Promise<Result<unknown>> => {
    if (dead) return Promise.resolve(err({ code: 'UNKNOWN', message: `The engine stopped: ${dead.message}` }))
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      worker.postMessage({ id, channel, envelope } satisfies HostMessage)
    })
  }

  return {
    session(onItems) {
      const mine = new Set<string>()
      return {
        async request(channel, envelope) {
          try {
            if (typeof channel !== 'string' || !KNOWN.has(channel)) {
              throw new LinkError('FORBIDDEN', `Unknown channel "${String(channel).slice(0, 80)}".`)
            }
            const { jobId, args } = rawEnvelope(envelope)
            if (channel === JOB_CANCEL_CHANNEL) {
              const id = args[0]
              if (typeof id !== 'string' || !mine.has(id)) return { ok: true, value: false }
            }
            if (typeof jobId === 'string') {
              if (jobOwners.has(jobId)) throw new LinkError('INVALID_ARGUMENT', `Job ${jobId} is already running.`)
              mine.add(jobId)
              jobOwners.set(jobId, onItems)
            }
            try {
              return await send(channel, envelope)
            } finally {
              if (typeof jobId === 'string') { mine.delete(jobId); jobOwners.delete(jobId) }
            }
          } catch (e) {
            return err(toAppError(e))
          }
        },
        close() {
          for (const id of mine) void send(JOB_CANCEL_CHANNEL, { args: [id] })
        },
      }
    },
    async close() {
      await worker.terminate()
    },
  }
}
