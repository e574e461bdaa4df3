/** The cells of one virtualized grid row, as every Linkscope table draws them (class and alignment from the column's meta). */
import { flexRender, type Row } from '@tanstack/react-table'

type CellMeta = { className: string; align?: 'end' }

export function GridCells<T>({ row }: { row: Row<T> }) {
  return (
    <>
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta as CellMeta
        return (
          // keyed by column: the row's element is reused for another row as a list streams in (DataTable)
          <div
            key={cell.column.id}
            role="gridcell"
            className={`cell ${meta.className}${meta.align === 'end' ? ' end' : ''}`}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        )
      })}
    </>
  )
}
