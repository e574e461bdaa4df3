/**
 * Long paths in the address bar: the root and the last folders stay whole, and the folders between
 * fold into one "…" menu, the ones nearest the root first, until what is left fits.
 */
import type { Crumb } from './paths'

export type CollapsedCrumbs = { head: Crumb[]; folded: Crumb[]; tail: Crumb[] }

/** The width of the "…" button with its separator. */
export const FOLD_WIDTH = 34

/**
 * `room` is the width the breadcrumbs have; `widthOf` measures or estimates one crumb with its
 * separator. The current folder always stays, even when it alone is too wide (it then shortens).
 */
export function collapseCrumbs(crumbs: readonly Crumb[], room: number, widthOf: (c: Crumb) => number): CollapsedCrumbs {
  const total = crumbs.reduce((n, c) => n + widthOf(c), 0)
  if (total <= room || crumbs.length <= 2) return { head: [...crumbs], folded: [], tail: [] }
  const head = crumbs.slice(0, 1)
  let used = widthOf(crumbs[0]!) + FOLD_WIDTH
  // keep folders from the current one upwards while they fit
  let first = crumbs.length - 1
  used += widthOf(crumbs[first]!)
  while (first - 1 > 1 && used + widthOf(crumbs[first - 1]!) <= room) {
    first--
    used += widthOf(crumbs[first]!)
  }
  return { head, folded: crumbs.slice(1, first), tail: crumbs.slice(first) }
}

/** A crumb's width as drawn at the toolbar's font: an estimate good enough to decide what folds. */
export const estimateCrumbWidth = (c: Crumb): number => Math.min(240, Math.ceil([...c.label].length * 7.4) + 12) + 10
