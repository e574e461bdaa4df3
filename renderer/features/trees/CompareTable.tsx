/** The compared paths, streamed into the shared table: sort, filter by state, multi-select, export, *Link these*. */
import type { CompareRow } from '../../../shared/types/trees'
import { DataTable } from '../../components/DataTable'
import { useListKeys } from '../../components/useListKeys'
import type { ExportColumn } from '../../lib/export-format'
import { formatCount } from '../../lib/format'
import { type CompareStatus, linkable } from '../../stores/slices/compare-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { ExportButtons } from '../actions/ExportButtons'
import { compareColumns } from './compare-columns'

const rowId = (r: CompareRow): string => r.path

const EXPORT_COLUMNS: readonly ExportColumn<CompareRow>[] = [
  { key: 'path', value: (r) => r.path, name: true },
  { key: 'state', value: (r) => r.state },
  { key: 'kind', value: (r) => r.kind },
  { key: 'size', value: (r) => r.size },
  { key: 'grouping', value: (r) => r.grouping ?? '' },
]

function emptyText(status: CompareStatus, rows: number): string {
  if (status === 'running') return 'Comparing… the paths show once both folders are walked.'
  if (status === 'done' && rows > 0) return 'No path in the states shown: choose more states above.'
  if (status === 'done') return 'Both folders are empty.'
  return ''
}

function LinkButton() {
  const store = useAppStore()
  const busy = useApp((s) => s.compareBusy)
  const status = useApp((s) => s.compareStatus)
  const rows = useApp((s) => s.compareRows)
  const selection = useApp((s) => s.compareSelection)
  const linked = useApp((s) => s.compareLinked)
  const { paths, all } = linkable({ compareRows: rows, compareSelection: selection, compareLinked: linked })
  return (
    <button
      type="button"
      className="btn primary nowrap"
      disabled={busy || status !== 'done' || paths.length === 0}
      title="Make each B file with the same content a hard link to its A file (checked again first; Undo puts them back)"
      onClick={() => void store.getState().linkCompared()}
    >
      {paths.length === 0
        ? 'Link these'
        : all
          ? `Link these: all ${formatCount(paths.length)} same-content`
          : `Link these: ${formatCount(paths.length)} selected`}
    </button>
  )
}

export function CompareTable() {
  const store = useAppStore()
  const view = useApp((s) => s.compareView)
  const rows = useApp((s) => s.compareRows.length)
  const sort = useApp((s) => s.compareSort)
  const sel = useApp((s) => s.compareSelection)
  const status = useApp((s) => s.compareStatus)
  const linked = useApp((s) => s.compareLinked)
  const s = store.getState
  const onKeyDown = useListKeys({
    move: (move, extend, page) => s().moveCompareFocus(move, extend, page),
    toggle: () => {
      const f = s().compareSelection.focus
      if (f) s().selectCompareRow(f, 'toggle')
    },
    selectAll: () => s().toggleAllCompare(),
  })
  return (
    <section className="scan-section compare-section" aria-label="Compared paths">
      <div className="scan-section-head">
        <h2>
          Paths{' '}
          <span className="count" data-testid="compare-count">
            {formatCount(view.length)}
          </span>
        </h2>
        <span className="muted hint">Select rows to link only those; with none selected, all same-content pairs.</span>
        <span className="spacer" />
        {view.length > 0 ? (
          <ExportButtons
            what="the compared paths"
            baseName="compare"
            columns={EXPORT_COLUMNS}
            rows={() => s().compareView}
          />
        ) : null}
        <LinkButton />
      </div>
      <DataTable
        label="Compared paths"
        bodyLabel="Compared paths rows"
        className="table scan-table compare-table"
        stateKey="compare"
        data={view}
        columns={compareColumns}
        getRowId={rowId}
        sort={sort}
        onSort={(c) => s().sortCompareBy(c)}
        rowClass={(r) => `state-row-${r.state}${linked.has(r.path) ? ' is-merged' : ''}`}
        isSelected={(id) => sel.selected.has(id)}
        multiselectable
        focus={sel.focus}
        onRowMouseDown={(ev, r) => {
          if (ev.button !== 0) return
          s().selectCompareRow(r.path, ev.shiftKey ? 'range' : ev.ctrlKey || ev.metaKey ? 'toggle' : 'only')
        }}
        onKeyDown={onKeyDown}
        empty={emptyText(status, rows)}
      />
    </section>
  )
}
