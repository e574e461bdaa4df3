/** The Compare folders table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { CompareRow } from '../../../shared/types/trees'
import type { ColumnMeta } from '../../components/DataTable'
import { Shown } from '../../components/Shown'
import { formatSize } from '../../lib/format'
import type { CompareColumn } from '../../stores/slices/compare-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { STATE_HINTS, STATE_LABELS } from './compare-labels'

function SelectBox({ path }: { path: string }) {
  const store = useAppStore()
  const on = useApp((s) => s.compareSelection.selected.has(path))
  return (
    <input
      type="checkbox"
      aria-label={`Select ${visibleName(path)}`}
      checked={on}
      onMouseDown={(ev) => ev.stopPropagation()}
      onChange={() => store.getState().selectCompareRow(path, 'toggle')}
    />
  )
}

function SelectAllBox() {
  const store = useAppStore()
  const shown = useApp((s) => s.compareView.length)
  const selected = useApp((s) => s.compareSelection.selected.size)
  return (
    <input
      type="checkbox"
      aria-label="Select all shown rows"
      checked={shown > 0 && selected === shown}
      ref={(el) => {
        if (el) el.indeterminate = selected > 0 && selected < shown
      }}
      disabled={shown === 0}
      onChange={() => store.getState().toggleAllCompare()}
    />
  )
}

function PathCell({ r }: { r: CompareRow }) {
  const linked = useApp((s) => s.compareLinked.has(r.path))
  return (
    <>
      <span className="name mono" title={visibleName(r.path)}>
        <Shown text={r.path} />
      </span>
      {linked ? <span className="pill pill-merged">linked</span> : null}
      {r.grouping ? (
        <span className="pill pill-grouping" title="These names are one file on one side and not on the other">
          grouping differs
        </span>
      ) : null}
    </>
  )
}

const col = createColumnHelper<CompareRow>()
const meta = (m: ColumnMeta<CompareColumn>): ColumnMeta<CompareColumn> => m

export const compareColumns = [
  col.display({
    id: 'select',
    size: 44,
    enableHiding: false,
    header: () => <SelectAllBox />,
    meta: meta({ className: 'c-select', title: 'Select' }),
    cell: ({ row: { original: r } }) => <SelectBox path={r.path} />,
  }),
  col.display({
    id: 'path',
    size: 280,
    enableHiding: false,
    header: 'Path',
    meta: meta({ sortColumn: 'path', className: 'c-name', grow: 1, title: 'Path below both folders' }),
    cell: ({ row: { original: r } }) => <PathCell r={r} />,
  }),
  col.display({
    id: 'state',
    size: 130,
    header: 'State',
    meta: meta({ sortColumn: 'state', className: 'c-state' }),
    cell: ({ row: { original: r } }) => (
      <span className={`state state-${r.state}`} title={STATE_HINTS[r.state]}>
        {STATE_LABELS[r.state]}
      </span>
    ),
  }),
  col.display({
    id: 'kind',
    size: 80,
    header: 'Kind',
    meta: meta({ className: 'c-kind', priority: 1 }),
    cell: ({ row: { original: r } }) => (r.kind === 'symlink' ? 'link' : r.kind === 'dir' ? 'folder' : r.kind),
  }),
  col.display({
    id: 'size',
    size: 96,
    header: 'Size',
    meta: meta({ sortColumn: 'size', className: 'c-size', align: 'end', title: "A file's size (A's, or B's)" }),
    cell: ({ row: { original: r } }) => (r.kind === 'file' ? formatSize(r.size) : ''),
  }),
]
