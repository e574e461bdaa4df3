/**
 * One table's column layout: the user's order, widths and hidden columns (remembered per table), the
 * columns that step aside when the table is too narrow for them, and the grid that draws the result.
 */
import type { ColumnDef, ColumnOrderState, VisibilityState } from '@tanstack/react-table'
import { useCallback, useEffect, useMemo, useState } from 'react'

import {
  clampWidth,
  type ColumnPrefs,
  columnsToDrop,
  fullOrder,
  type GridColumn,
  gridTemplate,
  loadPrefs,
  NO_PREFS,
  savePrefs,
} from './column-state'
import { pageStorage } from './remembered'

/** What a column says about its layout (in its meta, beside the class name and sort column). */
export type LayoutMeta = {
  /** it takes a share of the room left over (until the user sets its width) */
  grow?: number
  /** when the table is too narrow, lower priorities step aside first; none: it always stays */
  priority?: number
  title?: string
}

type AnyDef = ColumnDef<any, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** A column's id as react-table makes it: its id, else its accessor key. */
export const columnIdOf = (def: AnyDef): string => def.id ?? String((def as { accessorKey?: string }).accessorKey ?? '')

/** A column's name in menus: its title, else its header text. */
export const columnTitleOf = (def: AnyDef): string => {
  const meta = def.meta as LayoutMeta | undefined
  return meta?.title ?? (typeof def.header === 'string' ? def.header : columnIdOf(def))
}

const DEFAULT_WIDTH = 150

export type ColumnLayout = {
  order: ColumnOrderState
  visibility: VisibilityState
  /** columns the user hid, and the ones that stepped aside for lack of room */
  hidden: ReadonlySet<string>
  dropped: ReadonlySet<string>
  template: string
  /** the sum of the shown columns' widths: the table scrolls sideways below it */
  minWidth: number
  widthOf(id: string): number
  setWidth(id: string, width: number): void
  setOrder(order: string[]): void
  setHidden(id: string, hidden: boolean): void
  reset(): void
}

export function useColumnLayout(columns: readonly AnyDef[], stateKey: string | undefined, room: number): ColumnLayout {
  const ids = useMemo(() => columns.map(columnIdOf), [columns])
  const [prefs, setPrefs] = useState<ColumnPrefs>(() => (stateKey ? loadPrefs(pageStorage(), stateKey, ids) : NO_PREFS))
  useEffect(() => {
    if (stateKey) savePrefs(pageStorage(), stateKey, prefs)
  }, [stateKey, prefs])

  const order = useMemo(() => fullOrder(prefs.order, ids), [prefs.order, ids])
  const byId = useMemo(() => new Map(columns.map((c) => [columnIdOf(c), c])), [columns])
  const widthOf = useCallback(
    (id: string): number => prefs.sizes[id] ?? byId.get(id)?.size ?? DEFAULT_WIDTH,
    [prefs.sizes, byId],
  )

  const shown: GridColumn[] = order
    .filter((id) => !prefs.hidden.includes(id))
    .map((id) => {
      const meta = byId.get(id)?.meta as LayoutMeta | undefined
      // a column the user sized keeps that width; the others share what is left
      const grow = prefs.sizes[id] === undefined ? meta?.grow : undefined
      return {
        id,
        width: widthOf(id),
        ...(grow ? { grow } : {}),
        ...(meta?.priority !== undefined ? { priority: meta.priority } : {}),
      }
    })
  const dropped = new Set(room > 0 ? columnsToDrop(shown, room) : [])
  const drawn = shown.filter((c) => !dropped.has(c.id))
  const hidden = new Set(prefs.hidden)
  const visibility: VisibilityState = Object.fromEntries(ids.map((id) => [id, !hidden.has(id) && !dropped.has(id)]))

  return {
    order,
    visibility,
    hidden,
    dropped,
    template: gridTemplate(drawn),
    minWidth: drawn.reduce((n, c) => n + c.width, 0),
    widthOf,
    setWidth: (id, width) =>
      setPrefs((p) => ({ ...p, sizes: { ...p.sizes, [id]: clampWidth(width, byId.get(id)?.minSize) } })),
    setOrder: (next) => setPrefs((p) => ({ ...p, order: next })),
    setHidden: (id, hide) =>
      setPrefs((p) => {
        const rest = p.hidden.filter((x) => x !== id)
        // one column always stays
        if (hide && rest.length + 1 >= ids.length) return p
        return { ...p, hidden: hide ? [...rest, id] : rest }
      }),
    reset: () => setPrefs(NO_PREFS),
  }
}
