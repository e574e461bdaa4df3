/**
 * "Links pointing here": the links that lead to a file or into a folder, streamed while the engine walks
 * (scan:linksInto). By default the walk covers the folder Linkscope was opened on when the place is
 * under it; "Search the whole drive" asks again without a root.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type { LinksIntoResult } from '../../../shared/types/scan'
import { defaultSearchRoot, type Sep } from '../../lib/paths'
import type { AppSlice } from '../app-store'

export type LinksIntoState = {
  target: string
  /** null: the target's whole drive */
  root: string | null
  found: LinkEntry[]
  done: boolean
  result: LinksIntoResult | null
  error: AppError | null
}

export type LinksIntoSlice = {
  linksInto: LinksIntoState | null
  findLinksInto(target: string, wholeDrive?: boolean): void
  stopLinksInto(): void
}

export const createLinksIntoSlice: AppSlice<LinksIntoSlice> = (api) => (set, get) => {
  let current: Job<LinksIntoResult> | null = null
  const sep = (): Sep => get().info?.sep ?? '/'
  return {
    linksInto: null,
    findLinksInto(target, wholeDrive) {
      current?.cancel()
      const root = wholeDrive ? null : defaultSearchRoot(target, get().info?.startDir, sep())
      set({ linksInto: { target, root, found: [], done: false, result: null, error: null } })
      // Without a root the argument is left out, not sent as undefined (JSON would make it null).
      const args = (root ? [target, root] : [target]) as unknown as [string, string | undefined]
      const job = api.scan.linksInto((links) => {
        const cur = get().linksInto
        if (current === job && cur) set({ linksInto: { ...cur, found: [...cur.found, ...links] } })
      }, ...args)
      current = job
      void job.done.then((r) => {
        const cur = get().linksInto
        if (current !== job || !cur) return
        current = null
        set({ linksInto: r.ok ? { ...cur, done: true, result: r.value } : { ...cur, done: true, error: r.error } })
      })
    },
    stopLinksInto() {
      current?.cancel()
      current = null
      set({ linksInto: null })
    },
  }
}
