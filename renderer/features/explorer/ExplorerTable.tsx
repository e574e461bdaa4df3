/** The folder table: react-table for columns and headers; the body below owns virtualization. */
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table'
import type { LinkEntry } from '../../../shared/types/link'
import { useApp } from '../../stores/store-context'
import { columns, type ColumnMeta } from './columns'
import { ExplorerTableBody } from './ExplorerTableBody'

const getRowId = (e: LinkEntry): string => e.path

export type RowMenuHandler = (e: React.MouseEvent, entry: LinkEntry | null) => void

export function ExplorerTable({ onContextMenu }: { onContextMenu?: RowMenuHandler }) {
  const view = useApp((s) => s.view)
  const sort = useApp((s) => s.sort)
  const sortBy = useApp((s) => s.sortBy)
  // measured folders need a wider Size column ("8.1 MB data · 12.4 MB")
  const sized = useApp((s) => s.folderSizes.size > 0)
  // Sorting and filtering happen in the store (stable arrays, streamed batches); the table only renders.
  // The body makes Row objects for the visible rows only, so the full row model is never built.
  const table = useReactTable({ data: view as LinkEntry[], columns, getRowId, getCoreRowModel: getCoreRowModel(), manualSorting: true })

  return (
    <div className={`table${sized ? ' with-folder-sizes' : ''}`} role="grid" aria-label="Folder contents" aria-rowcount={view.length + 1} aria-multiselectable>
      {table.getHeaderGroups().map((group) => (
        <div className="thead row" role="row" key={group.id}>
          {group.headers.map((h) => {
            const meta = h.column.columnDef.meta as ColumnMeta
            const active = sort.column === meta.sortColumn
            return (
              <div
                key={h.id}
                role="columnheader"
                className={`cell ${meta.className}${meta.align === 'end' ? ' end' : ''}${active ? ' sorted' : ''}`}
                aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="th-button" onClick={() => sortBy(meta.sortColumn)} title={`Sort by ${String(h.column.columnDef.header)}`}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  <span className="sort-mark" aria-hidden>{active ? (sort.desc ? '▾' : '▴') : ''}</span>
                </button>
              </div>
            )
          })}
        </div>
      ))}
      <ExplorerTableBody table={table} view={view} {...(onContextMenu ? { onContextMenu } : {})} />
    </div>
  )
}
