/** Find results' columns: the explorer's own name, kind, target and size cells, plus the folder each result is in. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import type { ColumnMeta } from '../../components/DataTable'
import { KindIcon } from '../../components/KindIcon'
import { Shown } from '../../components/Shown'
import { formatSize, iconKindOf, kindLabel } from '../../lib/format'
import { dirnameOf, type Sep } from '../../lib/paths'
import type { FindColumn } from '../../stores/slices/find-slice'

const col = createColumnHelper<LinkEntry>()

export const findColumns = (sep: Sep) => [
  col.accessor('name', {
    header: 'Name',
    size: 220,
    enableHiding: false,
    meta: { sortColumn: 'name', className: 'c-name', grow: 1 } satisfies ColumnMeta<FindColumn>,
    cell: ({ row: { original: e } }) => (
      <>
        <KindIcon kind={iconKindOf(e)} />
        <span className="name" title={visibleName(e.path)}>
          <Shown text={e.name} />
        </span>
      </>
    ),
  }),
  col.display({
    id: 'folder',
    header: 'In folder',
    size: 260,
    meta: { sortColumn: 'folder', className: 'c-target', grow: 3 } satisfies ColumnMeta<FindColumn>,
    cell: ({ row: { original: e } }) => (
      <span className="mono">
        <Shown text={dirnameOf(e.path, sep) ?? ''} />
      </span>
    ),
  }),
  col.display({
    id: 'kind',
    header: 'Kind',
    size: 128,
    meta: { sortColumn: 'kind', className: 'c-kind', priority: 1 } satisfies ColumnMeta<FindColumn>,
    cell: ({ row: { original: e } }) => kindLabel(e),
  }),
  col.accessor('size', {
    header: 'Size',
    size: 90,
    meta: { sortColumn: 'size', align: 'end', className: 'c-size', priority: 2 } satisfies ColumnMeta<FindColumn>,
    cell: ({ row: { original: e } }) => (e.kind === 'file' ? formatSize(e.size) : <span className="dim">—</span>),
  }),
  // what a link points at, as stored: the column a search by target is about
  col.display({
    id: 'target',
    header: 'Target',
    size: 240,
    meta: { sortColumn: 'target', className: 'c-target', priority: 3 } satisfies ColumnMeta<FindColumn>,
    cell: ({ row: { original: e } }) =>
      e.target !== undefined ? (
        <span className="mono">
          <Shown text={e.target} />
        </span>
      ) : (
        <span className="dim">—</span>
      ),
  }),
]
