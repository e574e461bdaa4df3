/**
 * The selection half of the one list machine behind every table (folder entries, broken links, hard-link
 * groups), pure: a sorted list merges streamed batches (lib/sorted.ts), a filter makes the view, and a
 * selection (selected, focus, anchor) lives on the view. Slices keep the results; components render them.
 */

/** Which rows are chosen: `focus` is the row the keyboard is on, `anchor` where a Shift range starts. */
export type Selection = { selected: ReadonlySet<string>; focus: string | null; anchor: string | null }
export type FocusMove = 'up' | 'down' | 'home' | 'end' | 'pageup' | 'pagedown'
/** How a click or key chooses a row: it alone, added or removed, or everything from the anchor to it. */
export type SelectHow = 'only' | 'toggle' | 'range'

export const NO_SELECTION: Selection = { selected: new Set(), focus: null, anchor: null }

/** Selection over one view; `id` names a row. */
export function selectionOver<T>(id: (row: T) => string) {
  const indexIn = (view: readonly T[], path: string | null): number =>
    path === null ? -1 : view.findIndex((r) => id(r) === path)

  const only = (path: string): Selection => ({ selected: new Set([path]), focus: path, anchor: path })

  function select(view: readonly T[], sel: Selection, path: string, how: SelectHow = 'only'): Selection {
    if (how === 'toggle') {
      const next = new Set(sel.selected)
      if (next.has(path)) next.delete(path)
      else next.add(path)
      return { selected: next, focus: path, anchor: path }
    }
    if (how === 'range') {
      const from = indexIn(view, sel.anchor)
      const to = indexIn(view, path)
      if (from >= 0 && to >= 0) {
        const [lo, hi] = from < to ? [from, to] : [to, from]
        return { selected: new Set(view.slice(lo, hi + 1).map(id)), focus: path, anchor: sel.anchor }
      }
    }
    return only(path)
  }

  /** The row a key moves the focus to (a page is `pageSize` rows); null in an empty view. */
  function focusTarget(view: readonly T[], focus: string | null, move: FocusMove, pageSize = 20): string | null {
    if (view.length === 0) return null
    const at = indexIn(view, focus)
    const last = view.length - 1
    const step = { up: -1, down: 1, pageup: -pageSize, pagedown: pageSize, home: 0, end: 0 }[move]
    const to = move === 'home' ? 0 : move === 'end' ? last : at < 0 ? 0 : at + step
    return id(view[Math.max(0, Math.min(last, to))]!)
  }

  /** The keyboard: move the focus, selecting it, or extending the range from the anchor. */
  function moveFocus(view: readonly T[], sel: Selection, move: FocusMove, extend: boolean, pageSize = 20): Selection {
    const path = focusTarget(view, sel.focus, move, pageSize)
    if (path === null) return sel
    if (!extend) return only(path)
    return select(view, { ...sel, anchor: sel.anchor ?? sel.focus ?? path }, path, 'range')
  }

  /** Every shown row, or none when all of them are selected already. */
  function toggleAll(view: readonly T[], sel: Selection): Selection {
    const all = view.length > 0 && view.every((r) => sel.selected.has(id(r)))
    return { ...sel, selected: all ? new Set() : new Set(view.map(id)) }
  }

  /** Forget chosen rows that are no longer listed (after a refresh or a fix). */
  function prune(all: readonly T[], sel: Selection): Selection {
    const listed = new Set(all.map(id))
    const keep = (p: string | null): string | null => (p !== null && listed.has(p) ? p : null)
    return {
      selected: new Set([...sel.selected].filter((p) => listed.has(p))),
      focus: keep(sel.focus),
      anchor: keep(sel.anchor),
    }
  }

  /** The chosen rows in view order. */
  const chosen = (view: readonly T[], sel: Selection): T[] => view.filter((r) => sel.selected.has(id(r)))

  return { select, focusTarget, moveFocus, toggleAll, prune, chosen, indexIn }
}
