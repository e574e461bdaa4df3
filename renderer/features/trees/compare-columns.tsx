/** The Compare folders table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { CompareRow } from '../../../shared/types/trees'
import type { ColumnMeta } from '../../components/DataTable'
import { selectColumn } from '../../components/select-column'
import { Shown } from '../../components/Shown'
import { formatSize } from '../../lib/format'
import type { CompareColumn } from '../../stores/slices/compare-slice'
import { useApp } from '../../stores/store-context'
import { STATE_HINTS, STATE_LABELS } from './compare-labels'

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
  selectColumn<CompareRow>({
    keyOf: (r) => r.path,
    labelOf: (r) => `Select ${visibleName(r.path)}`,
    allLabel: 'Select all shown rows',
    isSelected: (s, path) => s.compareSelection.selected.has(path),
    shownCount: (s) => s.compareView.length,
    selectedCount: (s) => s.compareSelection.selected.size,
    toggle: (s, path) => s.selectCompareRow(path, 'toggle'),
    toggleAll: (s) => s.toggleAllCompare(),
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
