/**
 * Keeps the focused row still on screen while rows are inserted or re-sorted around it (a folder that
 * streams in batches): the user is reading or about to click that row, so the list moves, not the row.
 */

/** Where the focused row was at the last render: its id and its index in the rows. */
export type Placed = { id: string; index: number }

/** The scroll box, in pixels, with rows of one fixed height. */
export type Viewport = { scrollTop: number; height: number; rowHeight: number }

/**
 * The scrollTop that keeps the row that was at `from` at the same height on screen now that it is at
 * `to`; null when nothing needs to move (same index) or the row was not on screen (there is nothing
 * under the cursor to keep).
 */
export function anchoredScrollTop(from: number, to: number, view: Viewport): number | null {
  if (from === to || from < 0 || to < 0) return null
  const top = from * view.rowHeight
  const onScreen = top + view.rowHeight > view.scrollTop && top < view.scrollTop + view.height
  if (!onScreen) return null
  return Math.max(0, view.scrollTop + (to - from) * view.rowHeight)
}
