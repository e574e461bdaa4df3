/** The Duplicates table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { DupeGroupRow } from '../../../shared/types/dupes'
import type { ColumnMeta } from '../../components/DataTable'
import { selectColumn } from '../../components/select-column'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { relativePath } from '../../lib/paths'
import type { DupesColumn } from '../../stores/slices/dupes-slice'
import { useApp } from '../../stores/store-context'

/** The group's first name, from the searched folder down (the whole path in its tooltip). */
function GroupName({ g }: { g: DupeGroupRow }) {
  const merged = useApp((s) => s.dupesMerged.has(g.id))
  const root = useApp((s) => s.dupesRoots?.find((r) => (g.files[0]?.paths[0] ?? '').startsWith(r)))
  const sep = useApp((s) => s.info?.sep ?? '/')
  const first = g.files[0]?.paths[0] ?? ''
  return (
    <>
      <span className="name mono" title={visibleName(first)}>
        <Shown text={root ? relativePath(root, first, sep) : first} />
      </span>
      {merged ? <span className="pill pill-merged">merged</span> : null}
    </>
  )
}

const col = createColumnHelper<DupeGroupRow>()
const meta = (m: ColumnMeta<DupesColumn>): ColumnMeta<DupesColumn> => m

export const dupesColumns = [
  selectColumn<DupeGroupRow>({
    keyOf: (g) => g.id,
    labelOf: (g) => `Select the group of ${visibleName(g.files[0]?.paths[0] ?? '')}`,
    allLabel: 'Select all groups',
    isSelected: (s, id) => s.dupesSelection.selected.has(id),
    shownCount: (s) => s.dupesGroups.length,
    selectedCount: (s) => s.dupesSelection.selected.size,
    toggle: (s, id) => s.selectDupe(id, 'toggle'),
    toggleAll: (s) => s.toggleAllDupes(),
  }),
  col.display({
    id: 'path',
    size: 240,
    enableHiding: false,
    header: 'First name',
    meta: meta({ sortColumn: 'path', className: 'c-name', grow: 1 }),
    cell: ({ row: { original: g } }) => <GroupName g={g} />,
  }),
  col.display({
    id: 'size',
    size: 96,
    header: 'Size',
    meta: meta({ sortColumn: 'size', className: 'c-size', align: 'end', title: 'Size of each file' }),
    cell: ({ row: { original: g } }) => formatSize(g.size),
  }),
  col.display({
    id: 'files',
    size: 72,
    header: 'Files',
    meta: meta({
      sortColumn: 'files',
      className: 'c-count',
      align: 'end',
      priority: 2,
      title: 'Distinct files (names of one file count once)',
    }),
    cell: ({ row: { original: g } }) => formatCount(g.files.length),
  }),
  col.display({
    id: 'names',
    size: 84,
    header: 'Names',
    meta: meta({
      sortColumn: 'names',
      className: 'c-count',
      align: 'end',
      priority: 1,
      title: 'Every name of these files under the searched folder',
    }),
    cell: ({ row: { original: g } }) => formatCount(g.files.reduce((n, f) => n + f.paths.length, 0)),
  }),
  col.display({
    id: 'freed',
    size: 96,
    header: 'Frees',
    meta: meta({
      sortColumn: 'freed',
      className: 'c-size',
      align: 'end',
      title: 'Bytes merging frees (a file with a name elsewhere frees nothing)',
    }),
    cell: ({ row: { original: g } }) => formatSize(g.reclaimable),
  }),
]
