/** The Duplicates table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { DupeGroupRow } from '../../../shared/types/dupes'
import type { ColumnMeta } from '../../components/DataTable'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { relativePath } from '../../lib/paths'
import type { DupesColumn } from '../../stores/slices/dupes-slice'
import { useApp, useAppStore } from '../../stores/store-context'

function SelectBox({ id, name }: { id: string; name: string }) {
  const store = useAppStore()
  const on = useApp((s) => s.dupesSelection.selected.has(id))
  return (
    <input
      type="checkbox"
      aria-label={`Select the group of ${name}`}
      checked={on}
      onMouseDown={(ev) => ev.stopPropagation()}
      onChange={() => store.getState().selectDupe(id, 'toggle')}
    />
  )
}

function SelectAllBox() {
  const store = useAppStore()
  const shown = useApp((s) => s.dupesGroups.length)
  const selected = useApp((s) => s.dupesSelection.selected.size)
  return (
    <input
      type="checkbox"
      aria-label="Select all groups"
      checked={shown > 0 && selected === shown}
      ref={(el) => {
        if (el) el.indeterminate = selected > 0 && selected < shown
      }}
      disabled={shown === 0}
      onChange={() => store.getState().toggleAllDupes()}
    />
  )
}

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
  col.display({
    id: 'select',
    size: 44,
    enableHiding: false,
    header: () => <SelectAllBox />,
    meta: meta({ className: 'c-select', title: 'Select' }),
    cell: ({ row: { original: g } }) => <SelectBox id={g.id} name={visibleName(g.files[0]?.paths[0] ?? '')} />,
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
    size: 72,
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
