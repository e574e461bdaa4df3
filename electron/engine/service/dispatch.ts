/**
 * Turns a raw request (channel + envelope from an untrusted UI) into a handler call: the channel must
 * be in the contract, every argument passes its validator, errors become Result envelopes, and stream
 * jobs get an AbortSignal that `jobs:cancel` trips. Transport-neutral: used by the engine worker (for
 * Electron and browser mode) and by tests in-process.
 */
import { err, LinkError, ok, type Result, toAppError } from '../../../shared/errors'
import { type AnySpec, type CancelSignal, type Handlers, JOB_CANCEL_CHANNEL } from '../../../shared/ipc/contract'
import { type HandlersOn, type Side, sideTable } from '../../../shared/ipc/sides'
import type { Envelope } from '../../../shared/ipc/transport'
import { str } from '../../../shared/ipc/validate'

/** Handlers the engine provides; job cancellation belongs to the dispatcher itself. */
export type EngineHandlers = Omit<Handlers, 'jobs'>

type Entry = { spec: AnySpec; fn: (...args: unknown[]) => unknown }
export type PushItems = (jobId: string, items: unknown[]) => void

const jobIdArg = str(64)

export type Dispatcher = {
  dispatch(channel: string, envelope: unknown, push: PushItems): Promise<Result<unknown>>
  /** whether this dispatcher has a handler for the channel (a cancel is always its own) */
  serves(channel: string): boolean
  /** ids of the stream jobs running now */
  running(): string[]
  cancelAll(): void
}

/** The dispatcher for every channel: the engine's own, and what it answers for main's where there is no main. */
export function createDispatcher(handlers: EngineHandlers): Dispatcher {
  return dispatcherOver(new Map([...sideTable('engine', handlers), ...sideTable('main', handlers)]))
}

/** The dispatcher for one side's channels (main serves its own with this too). */
export const sideDispatcher = <S extends Side>(side: S, handlers: HandlersOn<S>): Dispatcher =>
  dispatcherOver(sideTable(side, handlers))

function dispatcherOver(table: Map<string, Entry>): Dispatcher {
  const jobs = new Map<string, AbortController>()
  const cancel = (id: string): boolean => {
    const job = jobs.get(id)
    job?.abort()
    return job !== undefined
  }

  function checkArgs(spec: AnySpec, envelope: unknown): { jobId?: string; args: unknown[] } {
    if (typeof envelope !== 'object' || envelope === null || !Array.isArray((envelope as Envelope).args)) {
      throw new LinkError('INVALID_ARGUMENT', `The request for ${spec.channel} is malformed.`)
    }
    const { args, jobId } = envelope as Envelope
    const validators = spec.args as readonly { check(v: unknown, name: string): unknown }[]
    if (args.length > validators.length) {
      throw new LinkError(
        'INVALID_ARGUMENT',
        `${spec.channel} takes ${validators.length} argument(s), got ${args.length}.`,
      )
    }
    const checked = validators.map((v, i) => v.check(args[i], `argument ${i + 1} of ${spec.channel}`))
    if (spec.kind === 'stream') return { jobId: jobIdArg.check(jobId, 'job id'), args: checked }
    return { args: checked }
  }

  async function dispatch(channel: string, envelope: unknown, push: PushItems): Promise<Result<unknown>> {
    try {
      if (channel === JOB_CANCEL_CHANNEL) {
        const [id] = (envelope as Envelope | undefined)?.args ?? []
        return ok(cancel(jobIdArg.check(id, 'job id')))
      }
      const entry = table.get(channel)
      if (!entry) throw new LinkError('FORBIDDEN', `Unknown channel "${String(channel).slice(0, 80)}".`)
      const { jobId, args } = checkArgs(entry.spec, envelope)
      if (entry.spec.kind === 'call') return ok(await entry.fn(...args))
      const id = jobId as string
      if (jobs.has(id)) throw new LinkError('INVALID_ARGUMENT', `Job ${id} is already running.`)
      const controller = new AbortController()
      jobs.set(id, controller)
      try {
        const ctx = {
          signal: controller.signal,
          emit: (items: unknown[]) => {
            if (!controller.signal.aborted && items.length > 0) push(id, items)
          },
        }
        return ok(await entry.fn(ctx, ...args))
      } finally {
        jobs.delete(id)
      }
    } catch (e) {
      return err(toAppError(e))
    }
  }

  return {
    dispatch,
    serves: (channel) => table.has(channel),
    running: () => [...jobs.keys()],
    cancelAll: () => {
      for (const c of jobs.values()) c.abort()
    },
  }
}

/** Throw CANCELLED once a job's signal has tripped; stream handlers call it between batches. */
export function throwIfCancelled(signal: CancelSignal): void {
  if (signal.aborted) throw new LinkError('CANCELLED', 'Cancelled.')
}

/** Let queued messages (a cancel, another request) run between synchronous batches. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
