/**
 * The one virtualized table (folder entries, broken links, hard-link groups). react-table owns columns
 * and headers; sorting, filtering and selection happen in the store (streamed batches are sorted once
 * per flush), so the table only renders. The virtualizer lives in the body, the lowest component that
 * needs it, and Row objects are made for the visible rows only.
 */
import '../styles/table-layout.css'

import { type ColumnDef, createRow, getCoreRowModel, type Table, useReactTable } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLayoutEffect, useRef } from 'react'

import { ColumnChooser } from './ColumnChooser'
import { DataTableHead } from './DataTableHead'
import { GridCells } from './GridCells'
import { useMeasured } from './measure'
import { anchoredScrollTop, type Placed } from './scroll-anchor'
import { useColumnLayout } from './useColumnLayout'

export type { ColumnMeta } from './DataTableHead'

export const ROW_HEIGHT = 28

/** The header's room on the right for the column chooser; the rows keep the same so columns line up. */
const CHOOSER_ROOM = 28

export type DataTableProps<T, C extends string> = {
  label: string
  /** the body's accessible name (the rows, as the keyboard sees them) */
  bodyLabel: string
  className: string
  /** where this table's column layout (order, widths, hidden) is remembered; none: for this run only */
  stateKey?: string
  data: readonly T[]
  columns: ColumnDef<T, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  getRowId: (row: T) => string
  sort: { column: C; desc: boolean }
  onSort: (column: C) => void
  rowClass?: (row: T) => string
  isSelected?: (id: string) => boolean
  multiselectable?: boolean
  focus?: string | null
  /** Also scroll to the focused row when the rows change (a new order), not only when the focus moves. */
  followFocus?: boolean
  overscan?: number
  onRowMouseDown?: (ev: React.MouseEvent, row: T) => void
  onRowDoubleClick?: (row: T) => void
  onRowContextMenu?: (ev: React.MouseEvent, row: T) => void
  /** drag and drop on a row (dragging it, dropping on it) */
  rowDragProps?: (row: T) => React.HTMLAttributes<HTMLDivElement> & { draggable?: boolean }
  /** a context menu on the empty area below the rows */
  onBodyContextMenu?: (ev: React.MouseEvent) => void
  onKeyDown?: (ev: React.KeyboardEvent, body: HTMLElement | null) => void
  /** What an empty table says instead of its body (none: the empty body stays, e.g. for its context menu). */
  empty?: React.ReactNode
}

/** The width the columns have: the grid's, less the chooser's room and the body's scrollbar. */
const roomOf = (el: HTMLElement): number => Math.max(0, el.clientWidth - CHOOSER_ROOM - scrollbarOf(el))

const scrollbarOf = (grid: HTMLElement): number => {
  const body = grid.querySelector<HTMLElement>('.tbody')
  return body ? body.offsetWidth - body.clientWidth : 0
}

export function DataTable<T, C extends string>(props: DataTableProps<T, C>) {
  const { label, className, data, columns, getRowId, multiselectable, empty } = props
  const grid = useRef<HTMLDivElement>(null)
  const head = useRef<HTMLDivElement>(null)
  const layout = useColumnLayout(columns, props.stateKey, useMeasured(grid, roomOf))
  const table = useReactTable({
    data: data as T[],
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    state: { columnOrder: layout.order, columnVisibility: layout.visibility },
  })
  return (
    <div
      ref={grid}
      className={className}
      style={{ '--cols': layout.template, '--cols-min': `${layout.minWidth + CHOOSER_ROOM}px` } as React.CSSProperties}
    >
      <div
        className="grid"
        role="grid"
        aria-label={label}
        aria-rowcount={data.length + 1}
        aria-multiselectable={multiselectable}
      >
        <DataTableHead table={table} layout={layout} sort={props.sort} onSort={props.onSort} scrollRef={head} />
        {data.length === 0 && empty !== undefined ? null : <DataTableBody {...props} table={table} head={head} />}
      </div>
      {data.length === 0 && empty !== undefined ? <div className="scan-empty">{empty}</div> : null}
      {/* outside the grid, which holds rows only */}
      <ColumnChooser table={table} layout={layout} label={label} />
    </div>
  )
}

/** Row objects are made for the visible rows only: a streamed list of thousands is not rebuilt per batch. */
function DataTableBody<T, C extends string>(
  props: DataTableProps<T, C> & { table: Table<T>; head: React.RefObject<HTMLDivElement | null> },
) {
  const {
    table,
    head,
    data,
    getRowId,
    rowClass,
    isSelected,
    focus,
    followFocus,
    bodyLabel,
    onKeyDown,
    onBodyContextMenu,
  } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: data.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: props.overscan ?? 10,
  })
  // A newly focused row is scrolled into view. When the rows change under an unchanged focus (a streamed
  // batch, a new order), a focused row that is on screen keeps its place on screen; one that is not is
  // followed only by a table that asks for it, so a streamed batch does not pull the list back while it
  // is read. One layout effect, before paint, so the row never shows at its new place first.
  const placed = useRef<Placed | null>(null)
  useLayoutEffect(() => {
    const el = scrollRef.current
    const index = focus ? data.findIndex((r) => getRowId(r) === focus) : -1
    const before = placed.current
    placed.current = focus && index >= 0 ? { id: focus, index } : null
    if (!el || index < 0) return
    const sameFocus = before !== null && before.id === focus
    if (sameFocus && before.index === index) return
    const top = sameFocus
      ? anchoredScrollTop(before.index, index, {
          scrollTop: el.scrollTop,
          height: el.clientHeight,
          rowHeight: ROW_HEIGHT,
        })
      : null
    if (top !== null) virtualizer.scrollToOffset(top)
    else if (!sameFocus || followFocus) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [data, focus, getRowId, virtualizer, followFocus])

  return (
    <div
      className="tbody"
      role="rowgroup"
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={(ev) => onKeyDown?.(ev, scrollRef.current)}
      // the header scrolls sideways with the rows
      onScroll={(ev) => {
        if (head.current) head.current.scrollLeft = ev.currentTarget.scrollLeft
      }}
      onContextMenu={(ev) => {
        if (ev.target === ev.currentTarget || (ev.target as HTMLElement).classList.contains('tbody-inner'))
          onBodyContextMenu?.(ev)
      }}
      aria-label={bodyLabel}
    >
      <div className="tbody-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const original = data[v.index]!
          const row = createRow(table, getRowId(original), original, v.index, 0)
          const selected = isSelected?.(row.id) ?? false
          const cls = [
            'row',
            rowClass?.(original) ?? '',
            selected ? 'is-selected' : '',
            focus === row.id ? 'is-focused' : '',
            v.index % 2 ? 'odd' : '',
          ]
            .filter(Boolean)
            .join(' ')
          return (
            // Keyed by position, not by row: a streamed batch that slides new rows into the window
            // then updates the rows on screen in place instead of replacing their elements.
            <div
              key={v.index}
              className={cls}
              role="row"
              aria-selected={selected}
              aria-rowindex={v.index + 2}
              data-path={row.id}
              style={{ transform: `translateY(${v.start}px)` }}
              onMouseDown={(ev) => props.onRowMouseDown?.(ev, original)}
              onDoubleClick={() => props.onRowDoubleClick?.(original)}
              onContextMenu={(ev) => props.onRowContextMenu?.(ev, original)}
              {...props.rowDragProps?.(original)}
            >
              <GridCells row={row} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
