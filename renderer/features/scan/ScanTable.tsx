/**
 * A sortable, virtualized table for the Scan view's results. react-table owns columns and headers;
 * sorting and filtering happen in the store (streamed batches are sorted once per flush), so the table
 * only renders. The virtualizer lives in the body, the lowest component that needs it.
 */
import { createRow, flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Table } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { TableSort } from '../../lib/scan-rows'
import { GridCells } from '../../components/GridCells'

export const SCAN_ROW_HEIGHT = 28

export type ScanColumnMeta<C extends string> = { sortColumn?: C; className: string; align?: 'end'; title?: string }

type TableProps<T, C extends string> = {
  label: string
  className: string
  data: readonly T[]
  columns: ColumnDef<T, any>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  getRowId: (row: T) => string
  sort: TableSort<C>
  onSort: (column: C) => void
  rowClass?: (row: T) => string
  isSelected?: (id: string) => boolean
  focus?: string | null
  onRowMouseDown?: (ev: React.MouseEvent, row: T) => void
  onRowDoubleClick?: (row: T) => void
  onKeyDown?: (ev: React.KeyboardEvent) => void
  empty: React.ReactNode
}

export function ScanTable<T, C extends string>(props: TableProps<T, C>) {
  const { label, className, data, columns, getRowId, sort, onSort, empty } = props
  const table = useReactTable({
    data: data as T[], columns, getRowId, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true,
  })
  return (
    <div className={`table scan-table ${className}`} role="grid" aria-label={label} aria-rowcount={data.length + 1}>
      {table.getHeaderGroups().map((group) => (
        <div className="thead row" role="row" key={group.id}>
          {group.headers.map((h) => {
            const meta = h.column.columnDef.meta as ScanColumnMeta<C>
            const active = meta.sortColumn !== undefined && sort.column === meta.sortColumn
            const title = meta.title ?? String(h.column.columnDef.header ?? '')
            return (
              <div
                key={h.id}
                role="columnheader"
                className={`cell ${meta.className}${meta.align === 'end' ? ' end' : ''}${active ? ' sorted' : ''}`}
                aria-sort={meta.sortColumn === undefined ? undefined : active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                {meta.sortColumn !== undefined ? (
                  <button type="button" className="th-button" onClick={() => onSort(meta.sortColumn!)} title={`Sort by ${title.toLowerCase()}`}>
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    <span className="sort-mark" aria-hidden>{active ? (sort.desc ? '▾' : '▴') : ''}</span>
                  </button>
                ) : flexRender(h.column.columnDef.header, h.getContext())}
              </div>
            )
          })}
        </div>
      ))}
      {data.length === 0 ? <div className="scan-empty">{empty}</div> : <ScanTableBody {...props} table={table} />}
    </div>
  )
}

/** Row objects are made for the visible rows only: a streamed list of thousands is not rebuilt per batch. */
function ScanTableBody<T, C extends string>({ table, data, getRowId, rowClass, isSelected, focus, onRowMouseDown, onRowDoubleClick, onKeyDown, label }: TableProps<T, C> & { table: Table<T> }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: data.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SCAN_ROW_HEIGHT,
    overscan: 10,
  })
  // Scroll to a newly focused row; not on every streamed batch, which would pull the list back while reading.
  const dataRef = useRef(data)
  dataRef.current = data
  useEffect(() => {
    if (!focus) return
    const i = dataRef.current.findIndex((r) => getRowId(r) === focus)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [focus, getRowId, virtualizer])

  return (
    <div className="tbody" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} aria-label={`${label} rows`}>
      <div className="tbody-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const original = data[v.index]!
          const row = createRow(table, getRowId(original), original, v.index, 0)
          const selected = isSelected?.(row.id) ?? false
          const cls = ['row', rowClass?.(row.original) ?? '', selected ? 'is-selected' : '', focus === row.id ? 'is-focused' : '', v.index % 2 ? 'odd' : '']
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
              onMouseDown={(ev) => onRowMouseDown?.(ev, row.original)}
              onDoubleClick={() => onRowDoubleClick?.(row.original)}
            >
              <GridCells row={row} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
