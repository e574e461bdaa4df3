/** Messages between the engine host (main or serve process) and the engine worker thread. */
import type { Result } from '../../../shared/errors'

/** A request, or a ping: the worker answers a ping as soon as its event loop runs (see engine-host.ts). */
export type HostMessage = { id: number; channel: string; envelope: unknown } | { type: 'ping' }
export type WorkerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'items'; jobId: string; items: unknown[] }
  | { type: 'pong' }
