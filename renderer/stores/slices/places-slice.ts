/**
 * The Places menu's folders: recent ones (the engine records each folder listed) and bookmarks. Both live
 * in the engine's configuration folder, so they are read again each time the menu opens.
 */
import type { Places } from '../../../shared/types/places'
import type { AppSlice } from '../app-store'

export type PlacesSlice = {
  places: Places
  loadPlaces(): Promise<void>
  /** Bookmark `dir` (on) or remove its bookmark; a refusal is said in the notice bar. */
  setBookmark(dir: string, on: boolean): Promise<void>
}

export const createPlacesSlice: AppSlice<PlacesSlice> = (api) => (set, get) => ({
  places: { recent: [], bookmarks: [] },
  async loadPlaces() {
    const r = await api.places.list()
    if (r.ok) set({ places: r.value })
  },
  async setBookmark(dir, on) {
    const r = await api.places.bookmark(dir, on)
    if (r.ok) {
      set({ places: r.value })
      get().showNotice('info', on ? `Bookmarked “${dir}”.` : `Removed the bookmark for “${dir}”.`)
    } else get().showNotice('error', `Could not ${on ? 'bookmark' : 'unbookmark'} “${dir}”.`, r.error.message)
  },
})
