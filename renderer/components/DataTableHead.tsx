/**
 * A table's header row: sort buttons, a resize handle after each column (drag it, or focus it and use
 * the arrow keys), and headers that can be dragged onto another to reorder.
 */
import { flexRender, type Header, type Table } from '@tanstack/react-table'
import { useRef } from 'react'

import { moveBefore } from './column-state'
import { followDrag } from './measure'
import type { ColumnLayout, LayoutMeta } from './useColumnLayout'

/** A column's look, and the store's sort column it stands for (none: not sortable). */
export type ColumnMeta<C extends string> = LayoutMeta & { sortColumn?: C; className: string; align?: 'end' }

/** Arrow keys on a resize handle move the edge this far; with Shift, four times as far. */
const KEY_STEP = 16

type Sort<C> = { column: C; desc: boolean }

const DRAG_TYPE = 'application/x-linkscope-column'

export function DataTableHead<T, C extends string>({
  table,
  layout,
  sort,
  onSort,
  scrollRef,
}: {
  table: Table<T>
  layout: ColumnLayout
  sort: Sort<C>
  onSort: (c: C) => void
  scrollRef: React.RefObject<HTMLDivElement | null>
}) {
  const dragged = useRef<string | null>(null)
  const onDrop = (target: string): void => {
    const id = dragged.current
    dragged.current = null
    if (id && id !== target) layout.setOrder(moveBefore(layout.order, id, target))
  }
  return (
    <div className="thead-wrap" role="rowgroup">
      <div className="thead" ref={scrollRef}>
        {table.getHeaderGroups().map((group) => (
          <div className="row" role="row" key={group.id}>
            {group.headers.map((h) => (
              <HeaderCell
                key={h.id}
                header={h}
                sort={sort}
                onSort={onSort}
                layout={layout}
                onDragStart={() => {
                  dragged.current = h.column.id
                }}
                onDrop={() => onDrop(h.column.id)}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  )
}

function HeaderCell<T, C extends string>({
  header: h,
  sort,
  onSort,
  layout,
  onDragStart,
  onDrop,
}: {
  header: Header<T, unknown>
  sort: Sort<C>
  onSort: (c: C) => void
  layout: ColumnLayout
  onDragStart: () => void
  onDrop: () => void
}) {
  const meta = h.column.columnDef.meta as ColumnMeta<C>
  const sortColumn = meta.sortColumn
  const active = sortColumn !== undefined && sort.column === sortColumn
  const title = meta.title ?? String(h.column.columnDef.header ?? '')
  const content = flexRender(h.column.columnDef.header, h.getContext())
  return (
    <div
      role="columnheader"
      className={`cell ${meta.className}${meta.align === 'end' ? ' end' : ''}${active ? ' sorted' : ''}`}
      aria-sort={sortColumn === undefined ? undefined : active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      data-column={h.column.id}
      draggable
      onDragStart={(ev) => {
        ev.dataTransfer.setData(DRAG_TYPE, h.column.id)
        ev.dataTransfer.effectAllowed = 'move'
        onDragStart()
      }}
      onDragOver={(ev) => {
        if (ev.dataTransfer.types.includes(DRAG_TYPE)) {
          ev.preventDefault()
          ev.dataTransfer.dropEffect = 'move'
        }
      }}
      onDrop={(ev) => {
        ev.preventDefault()
        onDrop()
      }}
    >
      {sortColumn === undefined ? (
        <span className="th-static">{content}</span>
      ) : (
        <button
          type="button"
          className="th-button"
          onClick={() => onSort(sortColumn)}
          title={`Sort by ${title.toLowerCase()}`}
        >
          <span className="th-text">{content}</span>
          <span className="sort-mark" aria-hidden>
            {active ? (sort.desc ? '▾' : '▴') : ''}
          </span>
        </button>
      )}
      <ResizeHandle id={h.column.id} title={title} layout={layout} />
    </div>
  )
}

/** The right edge of a header: a separator that is dragged, or moved with the arrow keys. */
function ResizeHandle({ id, title, layout }: { id: string; title: string; layout: ColumnLayout }) {
  // the width as drawn (a growing column is wider than its minimum), so the edge follows the pointer
  const drawnWidth = (el: HTMLElement): number => el.parentElement?.getBoundingClientRect().width ?? layout.widthOf(id)
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of the ${title} column`}
      aria-valuenow={layout.widthOf(id)}
      aria-valuemin={40}
      aria-valuemax={1200}
      tabIndex={0}
      className="col-resizer"
      draggable={false}
      onDragStart={(ev) => {
        ev.preventDefault()
        ev.stopPropagation()
      }}
      onPointerDown={(ev) => {
        if (ev.button !== 0) return
        ev.preventDefault()
        ev.stopPropagation()
        const width = drawnWidth(ev.currentTarget)
        followDrag(ev, (dx) => layout.setWidth(id, width + dx))
      }}
      onKeyDown={(ev) => {
        if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return
        ev.preventDefault()
        ev.stopPropagation()
        const step = (ev.shiftKey ? 4 : 1) * KEY_STEP * (ev.key === 'ArrowLeft' ? -1 : 1)
        layout.setWidth(id, drawnWidth(ev.currentTarget) + step)
      }}
    />
  )
}
