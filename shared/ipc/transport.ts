/**
 * The wire between the UI and the engine, whatever carries it (Electron IPC or a WebSocket), and the
 * typed Api built over it from the contract. No Node, no DOM: the renderer and tests both use it.
 */
import { err, type Result, toAppError } from '../errors'
import { type Api, forEachSpec, type Job, JOB_CANCEL_CHANNEL } from './contract'

/** What crosses the wire for one request. Streams carry the job id the caller chose. */
export type Envelope = { jobId?: string; args: unknown[] }

export type Transport = {
  invoke(channel: string, envelope: Envelope): Promise<Result<unknown>>
  /** Subscribe to stream batches for every job; returns an unsubscribe function. */
  onJobItems(listener: (jobId: string, items: unknown[]) => void): () => void
}

let jobCounter = 0
const newJobId = (): string => `job-${Date.now().toString(36)}-${(++jobCounter).toString(36)}`

/** Build the typed Api from the contract over a transport. */
export function buildApi(transport: Transport): Api {
  const listeners = new Map<string, (items: unknown[]) => void>()
  transport.onJobItems((jobId, items) => listeners.get(jobId)?.(items))
  const safe = (p: Promise<Result<unknown>>): Promise<Result<unknown>> => p.catch((e: unknown) => err(toAppError(e)))

  const api: Record<string, Record<string, unknown>> = {}
  forEachSpec((group, method, spec) => {
    const target = (api[group] ??= {})
    if (spec.kind === 'call') {
      target[method] = (...args: unknown[]) => safe(transport.invoke(spec.channel, { args }))
    } else {
      target[method] = (onItems: (items: unknown[]) => void, ...args: unknown[]): Job<unknown> => {
        const id = newJobId()
        listeners.set(id, onItems)
        const done = safe(transport.invoke(spec.channel, { jobId: id, args })).finally(() => listeners.delete(id))
        return {
          id,
          done,
          cancel: () => {
            void safe(transport.invoke(JOB_CANCEL_CHANNEL, { args: [id] }))
          },
        }
      }
    }
  })
  return api as Api
}
