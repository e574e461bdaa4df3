/** Find by name: a glob over a tree, streamed into the same kind of table as a scan's results. */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { FindSummary } from '../../../shared/types/actions'
import type { LinkEntry } from '../../../shared/types/link'
import { dirnameOf } from '../../lib/paths'
import type { AppSlice } from '../app-store'

export type FindStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'

export type FindSlice = {
  findRoot: string | null
  findPattern: string
  findIgnoreCase: boolean
  findStatus: FindStatus
  found: LinkEntry[]
  findSummary: FindSummary | null
  findError: AppError | null
  findFocus: string | null
  /** Open the Find view over `root` (the open folder by default). */
  showFind(root?: string): void
  setFindPattern(pattern: string): void
  setFindIgnoreCase(on: boolean): void
  startFind(): void
  cancelFind(): void
  focusFound(path: string | null): void
  /** A result's folder opens in the explorer with the result selected. */
  openFound(entry: LinkEntry): Promise<void>
}

export const createFindSlice: AppSlice<FindSlice> = (api) => (set, get) => {
  let job: Job<FindSummary> | null = null
  return {
    findRoot: null,
    findPattern: '',
    findIgnoreCase: true,
    findStatus: 'idle',
    found: [],
    findSummary: null,
    findError: null,
    findFocus: null,
    showFind(root) {
      const next = root ?? get().dir
      if (next && next !== get().findRoot && get().findStatus !== 'running') set({ findRoot: next })
      set({ screen: 'find' })
    },
    setFindPattern(pattern) {
      set({ findPattern: pattern })
    },
    setFindIgnoreCase(on) {
      set({ findIgnoreCase: on })
    },
    startFind() {
      const { findRoot, findPattern, findIgnoreCase } = get()
      if (!findRoot || findPattern === '') return
      job?.cancel()
      set({ findStatus: 'running', found: [], findSummary: null, findError: null, findFocus: null })
      const mine = api.actions.findByName(
        (items) => {
          if (job === mine) set({ found: [...get().found, ...items] })
        },
        findRoot,
        findPattern,
        { ignoreCase: findIgnoreCase },
      )
      job = mine
      void mine.done.then((r) => {
        if (job !== mine) return
        job = null
        if (!r.ok) set({ findStatus: 'error', findError: r.error })
        else set({ findStatus: r.value.cancelled ? 'cancelled' : 'done', findSummary: r.value })
      })
    },
    cancelFind() {
      job?.cancel()
    },
    focusFound(path) {
      set({ findFocus: path })
    },
    async openFound(entry) {
      const parent = dirnameOf(entry.path, get().info?.sep ?? '/')
      if (!parent) return
      get().showExplorer()
      await get().openDirectory(parent, [entry.path])
    },
  }
}
