/**
 * "Links pointing here": the links that lead to a file or into a folder, streamed while the engine walks
 * (scan:linksInto). By default the walk covers the folder Linkscope was opened on when the place is
 * under it; "Search the whole drive" asks again without a root.
 */
import type { LinkEntry } from '../../../shared/types/link'
import type { LinksIntoResult } from '../../../shared/types/scan'
import { defaultSearchRoot, type Sep } from '../../lib/paths'
import type { AppSlice } from '../app-store'
import { rootArgs, type SearchState, searchStream } from '../lib/search-stream'

/** root null: the target's whole drive */
export type LinksIntoState = SearchState<LinkEntry, LinksIntoResult> & { target: string }

export type LinksIntoSlice = {
  linksInto: LinksIntoState | null
  findLinksInto(target: string, wholeDrive?: boolean): void
  stopLinksInto(): void
}

export const createLinksIntoSlice: AppSlice<LinksIntoSlice> = (api) => (set, get) => {
  const search = searchStream<LinkEntry, LinksIntoResult, LinksIntoState>(
    () => get().linksInto,
    (linksInto) => set({ linksInto }),
  )
  const sep = (): Sep => get().info?.sep ?? '/'
  return {
    linksInto: null,
    findLinksInto(target, wholeDrive) {
      const root = wholeDrive ? null : defaultSearchRoot(target, get().info?.startDir, sep())
      search.start({ target, root, found: [], done: false, result: null, error: null }, (onItems) =>
        api.scan.linksInto(onItems, ...rootArgs(target, root)),
      )
    },
    stopLinksInto: () => search.stop(),
  }
}
