/** Which folder entries are selected and which has the keyboard focus; ranges follow the visible order. */
import type { LinkEntry } from '../../../shared/types/link'
import type { AppSlice } from '../app-store'
import { type FocusMove, NO_SELECTION, type Selection, selectionOver } from '../lists/list-state'

export type { FocusMove } from '../lists/list-state'

export type SelectionSlice = Selection & {
  selectOnly(path: string): void
  toggleSelected(path: string): void
  selectRangeTo(path: string): void
  selectPaths(paths: string[]): void
  selectAll(): void
  clearSelection(): void
  /** Drop selected paths that are no longer listed (after a refresh). */
  pruneSelection(): void
  moveFocus(move: FocusMove, extend: boolean, pageSize?: number): void
}

const entries = selectionOver((e: LinkEntry) => e.path)

export const createSelectionSlice: AppSlice<SelectionSlice> = () => (set, get) => {
  const current = (): Selection => {
    const { selected, focus, anchor } = get()
    return { selected, focus, anchor }
  }
  return {
    ...NO_SELECTION,
    selectOnly(path) {
      set(entries.select(get().view, current(), path, 'only'))
    },
    toggleSelected(path) {
      set(entries.select(get().view, current(), path, 'toggle'))
    },
    selectRangeTo(path) {
      set(entries.select(get().view, current(), path, 'range'))
    },
    selectPaths(paths) {
      const last = paths[paths.length - 1] ?? null
      set({ selected: new Set(paths), focus: last, anchor: paths[0] ?? null })
    },
    selectAll() {
      set({ selected: new Set(get().view.map((e) => e.path)) })
    },
    clearSelection() {
      set(NO_SELECTION)
    },
    pruneSelection() {
      const { selected, focus } = entries.prune(get().entries, current())
      set({ selected, focus })
    },
    moveFocus(move, extend, pageSize) {
      set(entries.moveFocus(get().view, current(), move, extend, pageSize))
    },
  }
}
