/**
 * A table's column layout as the user left it (order, widths, hidden columns), kept per table in
 * localStorage, and the pure rules that turn it into a CSS grid: widths are minimums, the columns that
 * grow share the room left, and when even the minimums do not fit, low-priority columns step aside.
 */
import { readStored, type Store, writeStored } from './remembered'

export type ColumnPrefs = { order: string[]; sizes: Record<string, number>; hidden: string[] }

export const NO_PREFS: ColumnPrefs = { order: [], sizes: {}, hidden: [] }

/** Narrowest and widest a column may be dragged. */
export const MIN_WIDTH = 40
export const MAX_WIDTH = 1200

export const clampWidth = (w: number, min = MIN_WIDTH): number => Math.round(Math.min(MAX_WIDTH, Math.max(min, w)))

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** What is stored, checked: unknown columns and bad widths are dropped (a column may have been removed since). */
export function loadPrefs(store: Store | undefined, key: string, known: readonly string[]): ColumnPrefs {
  const raw = readStored(store, `columns.${key}`)
  if (!raw || typeof raw !== 'object') return NO_PREFS
  const r = raw as Record<string, unknown>
  const isKnown = (id: string): boolean => known.includes(id)
  const sizes: Record<string, number> = {}
  if (r.sizes && typeof r.sizes === 'object') {
    for (const [id, w] of Object.entries(r.sizes as Record<string, unknown>)) {
      if (isKnown(id) && typeof w === 'number' && Number.isFinite(w)) sizes[id] = clampWidth(w)
    }
  }
  return { order: strings(r.order).filter(isKnown), sizes, hidden: strings(r.hidden).filter(isKnown) }
}

export function savePrefs(store: Store | undefined, key: string, prefs: ColumnPrefs): void {
  writeStored(store, `columns.${key}`, prefs)
}

/** Every known column once: the stored order first, then columns added since, in their defined order. */
export function fullOrder(stored: readonly string[], known: readonly string[]): string[] {
  const kept = stored.filter((id, i) => known.includes(id) && stored.indexOf(id) === i)
  return [...kept, ...known.filter((id) => !kept.includes(id))]
}

/** The order with `id` moved by `delta` places (clamped at the ends). */
export function moveColumn(order: readonly string[], id: string, delta: number): string[] {
  const from = order.indexOf(id)
  if (from < 0) return [...order]
  const to = Math.max(0, Math.min(order.length - 1, from + delta))
  const next = order.filter((x) => x !== id)
  next.splice(to, 0, id)
  return next
}

/** The order with `id` put where `before` is (a header dropped on another). */
export function moveBefore(order: readonly string[], id: string, before: string): string[] {
  if (id === before || !order.includes(id) || !order.includes(before)) return [...order]
  const from = order.indexOf(id)
  return moveColumn(order, id, order.indexOf(before) - from)
}

export type GridColumn = { id: string; width: number; grow?: number; priority?: number }

/** CSS grid-template-columns: a growing column takes at least its width and a share of what is left. */
export function gridTemplate(cols: readonly GridColumn[]): string {
  const anyGrows = cols.some((c) => c.grow)
  return cols
    .map((c, i) => {
      const grow = c.grow ?? (!anyGrows && i === cols.length - 1 ? 1 : 0)
      return grow ? `minmax(${c.width}px, ${grow}fr)` : `${c.width}px`
    })
    .join(' ')
}

/**
 * The columns that step aside so the rest fit in `room` pixels: lowest priority first, and never a
 * column without a priority (those always stay). Returns their ids.
 */
export function columnsToDrop(cols: readonly GridColumn[], room: number): string[] {
  let total = cols.reduce((n, c) => n + c.width, 0)
  const droppable = cols.filter((c) => c.priority !== undefined).sort((a, b) => a.priority! - b.priority!)
  const dropped: string[] = []
  for (const c of droppable) {
    if (total <= room) break
    dropped.push(c.id)
    total -= c.width
  }
  return dropped
}
