/** Messages between the engine host (main or serve process) and the engine worker thread. */
import type { Result } from '../../../shared/errors'

/**
 * A request, or a ping: the worker answers a ping as soon as its event loop runs (see engine-host.ts).
 * `socketText` asks for the request's stream batches as browser mode's socket messages (`encoded`), made
 * in the worker, which holds the items already, rather than as items for the host to encode.
 */
export type HostMessage = { id: number; channel: string; envelope: unknown; socketText?: true } | { type: 'ping' }
export type WorkerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'items'; jobId: string; items: unknown[] }
  | { type: 'encoded'; jobId: string; text: string }
  | { type: 'pong' }
