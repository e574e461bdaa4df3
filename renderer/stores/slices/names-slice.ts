/** The names dialog: every name of one file, streamed from the engine. */
import type { NamesResult } from '../../../shared/types/scan'
import type { AppSlice } from '../app-store'
import { rootArgs, type SearchState, searchStream } from '../lib/search-stream'
import { searchRootFor } from './other-names'

export type NamesState = SearchState<string, NamesResult> & { path: string }

export type NamesSlice = {
  /** the names dialog's stream: every name of one file */
  names: NamesState | null
  /** Stream every name of a file; `wholeVolume` searches past the folder Linkscope was opened at. */
  findNames(path: string, wholeVolume?: boolean): void
  stopNames(): void
}

export const createNamesSlice: AppSlice<NamesSlice> = (api) => (set, get) => {
  const names = searchStream<string, NamesResult, NamesState>(
    () => get().names,
    (n) => set({ names: n }),
  )
  return {
    names: null,
    findNames(path, wholeVolume) {
      const root = wholeVolume ? null : searchRootFor(get().info, path)
      names.start(
        { path, root, found: [], done: false, result: null, error: null },
        (onItems) => api.links.names(onItems, ...rootArgs(path, root)),
        (s, r) => ({ ...s, done: true, result: r, found: r.paths }), // the result's names, sorted
      )
    },
    stopNames: () => names.stop(),
  }
}
