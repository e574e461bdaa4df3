/**
 * The pick tray: link sources picked here or from Explorer, kept by the app across restarts, and the
 * verbs that reach the window from outside (a second start's --pick, --drop-as, --show).
 */
import type { DropAs } from '../../../shared/types/ops'
import { dirnameOf } from '../../lib/paths'
import type { AppSlice } from '../app-store'

export type PicksSlice = {
  picked: string[]
  /** Load the picked sources kept across restarts, and listen for verbs from outside (Explorer, a second start). */
  startPicks(): Promise<void>
  pickSources(paths: string[]): Promise<void>
  unpick(path: string): Promise<void>
  clearPicked(): Promise<void>
  dropPicked(dir: string, as: DropAs): Promise<void>
}

export const createPicksSlice: AppSlice<PicksSlice> = (api) => (set, get) => {
  // The tray shows the new list at once; the app keeps it (picks:set) so it survives a restart.
  const savePicks = async (next: string[]): Promise<void> => {
    set({ picked: next })
    const r = await api.picks.set(next)
    if (r.ok) set({ picked: r.value })
    else
      get().showNotice(
        'error',
        'The picked sources could not be saved; they stay picked until Linkscope closes.',
        r.error.message,
      )
  }
  return {
    picked: [],
    async startPicks() {
      const r = await api.picks.list()
      if (r.ok) set({ picked: r.value })
      api.app.events((events) => {
        for (const ev of events) {
          if (ev.type === 'picked') set({ picked: ev.paths })
          else if (ev.type === 'drop') void get().dropPicked(ev.dir, ev.as)
          else if (ev.type === 'show') {
            const parent = dirnameOf(ev.path, get().info?.sep ?? '/')
            if (parent) void get().openDirectory(parent, [ev.path])
          }
        }
      })
    },
    async pickSources(paths) {
      const next = [...get().picked]
      for (const p of paths) if (!next.includes(p)) next.push(p)
      await savePicks(next)
    },
    async unpick(path) {
      await savePicks(get().picked.filter((p) => p !== path))
    },
    async clearPicked() {
      await savePicks([])
    },
    async dropPicked(dir, as) {
      await get().dropSources(get().picked, dir, as)
    },
  }
}
