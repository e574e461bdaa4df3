/** "Export: CSV JSON" for one list: the rows it is given, as a download (browser) or through the save dialog (desktop). */
import type { ExportColumn, ExportFormat } from '../../lib/export-format'
import { useAppStore } from '../../stores/store-context'

type Props<T> = { what: string; baseName: string; columns: readonly ExportColumn<T>[]; rows: () => readonly T[] }

export function ExportButtons<T>({ what, baseName, columns, rows }: Props<T>) {
  const store = useAppStore()
  const run = (format: ExportFormat): void => {
    void store.getState().exportList(baseName, format, columns, rows())
  }
  return (
    <span className="export-buttons" role="group" aria-label={`Export ${what}`}>
      <span className="muted">Export</span>
      <button
        type="button"
        className="btn small"
        title={`Save ${what} as CSV (for spreadsheets)`}
        onClick={() => run('csv')}
      >
        CSV
      </button>
      <button type="button" className="btn small" title={`Save ${what} as JSON`} onClick={() => run('json')}>
        JSON
      </button>
    </span>
  )
}
