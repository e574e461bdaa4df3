/** Messages between the engine host (main or serve process) and the engine worker thread. */
import type { Result } from '../../../shared/errors'

export type HostMessage = { id: number; channel: string; envelope: unknown }
export type WorkerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'items'; jobId: string; items: unknown[] }
