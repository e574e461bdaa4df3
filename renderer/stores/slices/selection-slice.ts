/** Which rows are selected and which has the keyboard focus; ranges follow the visible order. */
import type { AppSlice } from '../app-store'

export type FocusMove = 'up' | 'down' | 'home' | 'end' | 'pageup' | 'pagedown'

export type SelectionSlice = {
  selected: ReadonlySet<string>
  /** the row the keyboard is on */
  focus: string | null
  /** where a Shift range starts */
  anchor: string | null
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

export const createSelectionSlice: AppSlice<SelectionSlice> = () => (set, get) => {
  const indexOf = (path: string | null): number => (path ? get().view.findIndex((e) => e.path === path) : -1)
  return {
    selected: new Set(),
    focus: null,
    anchor: null,
    selectOnly(path) { set({ selected: new Set([path]), focus: path, anchor: path }) },
    toggleSelected(path) {
      const next = new Set(get().selected)
      if (next.has(path)) next.delete(path)
      else next.add(path)
      set({ selected: next, focus: path, anchor: path })
    },
    selectRangeTo(path) {
      const view = get().view
      const from = indexOf(get().anchor)
      const to = indexOf(path)
      if (from < 0 || to < 0) return get().selectOnly(path)
      const [lo, hi] = from < to ? [from, to] : [to, from]
      set({ selected: new Set(view.slice(lo, hi + 1).map((e) => e.path)), focus: path })
    },
    selectPaths(paths) {
      const last = paths[paths.length - 1] ?? null
      set({ selected: new Set(paths), focus: last, anchor: paths[0] ?? null })
    },
    selectAll() { set({ selected: new Set(get().view.map((e) => e.path)) }) },
    clearSelection() { set({ selected: new Set(), focus: null, anchor: null }) },
    pruneSelection() {
      const listed = new Set(get().entries.map((e) => e.path))
      const kept = [...get().selected].filter((p) => listed.has(p))
      const focus = get().focus
      set({ selected: new Set(kept), focus: focus && listed.has(focus) ? focus : null })
    },
    moveFocus(move, extend, pageSize = 20) {
      const view = get().view
      if (view.length === 0) return
      const at = indexOf(get().focus)
      const last = view.length - 1
      const next = Math.max(0, Math.min(last,
        move === 'home' ? 0
          : move === 'end' ? last
            : at < 0 ? 0
              : at + (move === 'up' ? -1 : move === 'down' ? 1 : move === 'pageup' ? -pageSize : pageSize)))
      const path = view[next]!.path
      if (extend) {
        if (!get().anchor) set({ anchor: get().focus ?? path })
        get().selectRangeTo(path)
      } else {
        get().selectOnly(path)
      }
    },
  }
}
