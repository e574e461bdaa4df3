/**
 * Verbs that reach the running app from outside (a second start forwarding Explorer's --pick, --drop-as,
 * --show) become AppEvents for the window. Events that arrive before the window subscribes wait.
 */
import type { AppEvent } from '../../shared/types/app'
import type { EngineClient } from './engine-client'
import type { LaunchRequest } from './launch-args'

export type AppEvents = {
  emit(event: AppEvent): void
  subscribe(listener: (event: AppEvent) => void): () => void
}

export function createAppEvents(): AppEvents {
  const waiting: AppEvent[] = []
  const listeners = new Set<(event: AppEvent) => void>()
  return {
    emit(event) {
      if (listeners.size === 0) waiting.push(event)
      for (const l of listeners) l(event)
    },
    subscribe(listener) {
      listeners.add(listener)
      for (const e of waiting.splice(0)) listener(e)
      return () => listeners.delete(listener)
    },
  }
}

const DROP_AS = { hardlink: 'hard', symlink: 'symbolic-relative', junction: 'junction' } as const

/** Turn a launch request into engine calls and window events. Picks are stored first, so they survive. */
export async function applyLaunch(req: LaunchRequest, engine: EngineClient, events: AppEvents): Promise<void> {
  switch (req.kind) {
    case 'pick': {
      const current = await engine.picks.list()
      const merged = [...(current.ok ? current.value : []), ...req.paths]
      const saved = await engine.picks.set(merged)
      events.emit({ type: 'picked', paths: saved.ok ? saved.value : merged })
      return
    }
    case 'drop':
      events.emit({ type: 'drop', as: DROP_AS[req.as], dir: req.dir })
      return
    case 'show':
      events.emit({ type: 'show', path: req.path })
      return
    case 'open':
      if (req.path) events.emit({ type: 'show', path: req.path })
      return
    case 'elevated-helper':
      return
  }
}
