/**
 * The engine as seen from the Electron main process or the browser-mode server: requests go to the
 * engine worker thread, stream batches come back to whoever started the job. Each UI connection gets
 * a session, so one window cannot see or cancel another's jobs, and closing it cancels its jobs.
 */
import * as path from 'node:path'
import { Worker } from 'node:worker_threads'

import { err, LinkError, type Result, toAppError } from '../../../shared/errors'
import { ALL_CHANNELS, JOB_CANCEL_CHANNEL, rawEnvelope } from '../../../shared/ipc/contract'
import { outsideAsar } from '../fs/outside-asar'
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

type OnItems = (jobId: string, items: unknown[]) => void
/** A stream batch as browser mode's socket message, made in the engine worker (engine-protocol.ts). */
type OnSocketText = (jobId: string, text: string) => void

export type EngineHost = {
  /** With `onSocketText`, the session's stream batches come as socket messages instead of items. */
  session(onItems: OnItems, onSocketText?: OnSocketText): EngineSession
  close(): Promise<void>
}

/**
 * How long the engine may leave a ping unanswered, while it has requests in hand, before it counts as
 * stuck. A synchronous call that never returns (lstat on a hung NFS or FUSE mount) blocks the engine
 * thread, and no thread can be pulled out of such a call: so a stuck engine is left behind, its requests
 * answered NOT_RESPONDING, and a fresh engine takes every request from then on. Long enough for a slow
 * but working network file system, short enough that a person is still waiting.
 */
export const STUCK_MS = 5000

type EngineThread = {
  worker: Worker
  pending: Map<number, (r: Result<unknown>) => void>
  dead?: Error
  /** when the ping not yet answered was sent */
  pingedAt?: number
  /** replaced after it got stuck: ended as soon as it answers again, never while it may be mid-request */
  abandoned?: boolean
}

export type EngineHostOptions = { stuckMs?: number }

export function startEngineHost(
  config: EngineConfig,
  workerPath = defaultWorkerPath(),
  options: EngineHostOptions = {},
): EngineHost {
  const stuckMs = options.stuckMs ?? STUCK_MS
  let nextId = 1
  const jobOwners = new Map<string, { onItems: OnItems; onSocketText?: OnSocketText | undefined }>()
  const threads = new Set<EngineThread>()

  const startThread = (): EngineThread => {
    const t: EngineThread = { worker: new Worker(workerPath, { workerData: config }), pending: new Map() }
    t.worker.unref()
    threads.add(t)
    t.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'pong') {
        t.pingedAt = undefined
        if (t.abandoned) void t.worker.terminate() // free again: whatever it was doing has finished
      } else if (m.type === 'items') jobOwners.get(m.jobId)?.onItems(m.jobId, m.items)
      else if (m.type === 'encoded') jobOwners.get(m.jobId)?.onSocketText?.(m.jobId, m.text)
      else {
        t.pending.get(m.id)?.(m.result)
        t.pending.delete(m.id)
      }
    })
    const failAll = (e: Error): void => {
      t.dead = e
      threads.delete(t)
      for (const resolve of t.pending.values())
        resolve(err({ code: 'UNKNOWN', message: `The engine stopped: ${e.message}` }))
      t.pending.clear()
    }
    t.worker.on('error', failAll)
    t.worker.on('exit', (code) => failAll(new Error(`exit code ${code}`)))
    return t
  }
  let engine = startThread()

  const replaceStuck = (t: EngineThread): void => {
    t.abandoned = true
    engine = startThread()
    const seconds = Math.round(stuckMs / 1000)
    for (const resolve of t.pending.values()) {
      resolve(
        err({
          code: 'NOT_RESPONDING',
          message: `The file system did not answer for ${seconds} s (a network or FUSE mount that stopped responding?). Linkscope left that request waiting and carries on with a fresh engine; the request may still finish once the mount answers.`,
        }),
      )
    }
    t.pending.clear()
  }

  // Only an engine with work in hand is pinged: an idle one has nothing to be stuck on.
  const watchdog = setInterval(
    () => {
      const t = engine
      if (t.dead || t.pending.size === 0) return
      if (t.pingedAt === undefined) {
        t.pingedAt = performance.now()
        t.worker.postMessage({ type: 'ping' } satisfies HostMessage)
      } else if (performance.now() - t.pingedAt >= stuckMs) replaceStuck(t)
    },
    Math.max(10, Math.min(1000, stuckMs / 5)),
  )
  watchdog.unref()

  const send = (channel: string, envelope: unknown, socketText = false): Promise<Result<unknown>> => {
    const t = engine
    if (t.dead) return Promise.resolve(err({ code: 'UNKNOWN', message: `The engine stopped: ${t.dead.message}` }))
    const id = nextId++
    return new Promise((resolve) => {
      t.pending.set(id, resolve)
      t.worker.postMessage({ id, channel, envelope, ...(socketText ? { socketText } : {}) } satisfies HostMessage)
    })
  }

  return {
    session(onItems, onSocketText) {
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
              jobOwners.set(jobId, { onItems, onSocketText })
            }
            try {
              return await send(channel, envelope, onSocketText !== undefined)
            } finally {
              if (typeof jobId === 'string') {
                mine.delete(jobId)
                jobOwners.delete(jobId)
              }
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
      clearInterval(watchdog)
      // A stuck thread ends only once its call returns: it is told to end, but not waited for.
      for (const t of threads) if (t.abandoned) void t.worker.terminate()
      await engine.worker.terminate()
    },
  }
}
