/**
 * Main's own view of the engine: the typed Api the renderer uses, built with the same buildApi over an
 * engine session, so main names no channel and casts no result.
 */
import type { Api } from '../../shared/ipc/contract'
import { buildApi } from '../../shared/ipc/transport'
import type { EngineHost } from '../engine/service/engine-host'

export type EngineClient = Api

export function engineClient(host: EngineHost): EngineClient {
  const listeners = new Set<(jobId: string, items: unknown[]) => void>()
  const session = host.session((jobId, items) => {
    for (const l of listeners) l(jobId, items)
  })
  return buildApi({
    invoke: (channel, envelope) => session.request(channel, envelope),
    onJobItems(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
}
