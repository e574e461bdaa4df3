/**
 * The one virtualized table (folder entries, broken links, hard-link groups). react-table owns columns
 * and headers; sorting, filtering and selection happen in the store (streamed batches are sorted once
 * per flush), so the table only renders. The virtualizer lives in the body, the lowest component that
 * needs it, and Row objects are made for the visible rows only.
 */
import { createRow, flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Header, type Table } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { GridCells } from './GridCells'

export const ROW_HEIGHT = 28

/** A column's look, and the store's sort column it stands for (none: not sortable). */
export type ColumnMeta<C extends string> = { sortColumn?: C; className: string; align?: 'end'; title?: string }

export type DataTableProps<T, C extends string> = {
  label: string
  /** the body's accessible name (the rows, as the keyboard sees them) */
  bodyLabel: string
  className: string
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

export function DataTable<T, C extends string>(props: DataTableProps<T, C>) {
  const { label, className, data, columns, getRowId, multiselectable, empty } = props
  const table = useReactTable({
    data: data as T[], columns, getRowId, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true,
  })
  return (
    <div className={className} role="grid" aria-label={label} aria-rowcount={data.length + 1} aria-multiselectable={multiselectable}>
      {table.getHeaderGroups().map((group) => (
        <div className="thead row" role="row" key={group.id}>
          {group.headers.map((h) => <HeaderCell key={h.id} header={h} sort={props.sort} onSort={props.onSort} />)}
        </div>
      ))}
      {data.length === 0 && empty !== undefined ? <div className="scan-empty">{empty}</div> : <DataTableBody {...props} table={table} />}
    </div>
  )
}

function HeaderCell<T, C extends string>({ header: h, sort, onSort }: { header: Header<T, unknown>; sort: { column: C; desc: boolean }; onSort: (c: C) => void }) {
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
    >
      {sortColumn === undefined ? content : (
        <button type="button" className="th-button" onClick={() => onSort(sortColumn)} title={`Sort by ${title.toLowerCase()}`}>
          {content}
          <span className="sort-mark" aria-hidden>{active ? (sort.desc ? '▾' : '▴') : ''}</span>
        </button>
      )}
    </div>
  )
}

/** Row objects are made for the visible rows only: a streamed list of thousands is not rebuilt per batch. */
function DataTableBody<T, C extends string>(props: DataTableProps<T, C> & { table: Table<T> }) {
  const { table, data, getRowId, rowClass, isSelected, focus, followFocus, bodyLabel, onKeyDown, onBodyContextMenu } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: data.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: props.overscan ?? 10,
  })
  // Scroll to a newly focused row; a streamed batch does not pull the list back while it is read, but
  // a table that asks for it follows its focused row into a new order.
  const dataRef = useRef(data)
  dataRef.current = data
  const order = followFocus ? data : null
  useEffect(() => {
    if (!focus) return
    const i = dataRef.current.findIndex((r) => getRowId(r) === focus)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [focus, getRowId, virtualizer, order])

  return (
    <div
      className="tbody"
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={(ev) => onKeyDown?.(ev, scrollRef.current)}
      onContextMenu={(ev) => {
        if (ev.target === ev.currentTarget || (ev.target as HTMLElement).classList.contains('tbody-inner')) onBodyContextMenu?.(ev)
      }}
      aria-label={bodyLabel}
    >
      <div className="tbody-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const original = data[v.index]!
          const row = createRow(table, getRowId(original), original, v.index, 0)
          const selected = isSelected?.(row.id) ?? false
          const cls = ['row', rowClass?.(original) ?? '', selected ? 'is-selected' : '', focus === row.id ? 'is-focused' : '', v.index % 2 ? 'odd' : '']
            .filter(Boolean).join(' ')
          return (
            <div
              key={row.id}
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
