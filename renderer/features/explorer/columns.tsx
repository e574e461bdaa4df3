/** The folder table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'
import type { LinkEntry } from '../../../shared/types/link'
import { KindIcon } from '../../components/KindIcon'
import { FolderSizeCell } from './FolderSizeCell'
import { formatDate, formatSize, iconKindOf, isBroken, isFolderLike, isHardLinked, kindLabel, statusLabel } from '../../lib/format'
import type { SortColumn } from '../../lib/entries'
import type { ColumnMeta as TableColumnMeta } from '../../components/DataTable'
import { Shown } from '../../components/Shown'
import { visibleName } from '../../../shared/names'

const col = createColumnHelper<LinkEntry>()

export type ColumnMeta = TableColumnMeta<SortColumn> & { sortColumn: SortColumn }

export const columns = [
  col.accessor('name', {
    header: 'Name',
    meta: { sortColumn: 'name', className: 'c-name' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => (
      <>
        <KindIcon kind={iconKindOf(e)} />
        <span className={`name${e.hidden ? ' is-hidden' : ''}`} title={visibleName(e.name)}><Shown text={e.name} /></span>
      </>
    ),
  }),
  col.display({
    id: 'kind',
    header: 'Kind',
    meta: { sortColumn: 'kind', className: 'c-kind' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => kindLabel(e),
  }),
  col.accessor('links', {
    header: 'Links',
    meta: { sortColumn: 'links', align: 'end', className: 'c-links' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) =>
      e.kind === 'file'
        ? <span className={isHardLinked(e) ? 'pill pill-hard' : 'dim'} title={isHardLinked(e) ? `This file has ${e.links} names` : undefined}>{e.links}</span>
        : isFolderLike(e) ? <span className="dim">—</span> : <span className="dim">{e.links || '—'}</span>,
  }),
  col.accessor('target', {
    header: 'Target',
    meta: { sortColumn: 'target', className: 'c-target' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => (e.target !== undefined
      ? <span className="target" title={visibleName(e.resolved ?? e.target)}><span className="arrow-glyph" aria-hidden>→</span><Shown text={e.target} /></span>
      : null),
  }),
  col.accessor('status', {
    header: 'Status',
    meta: { sortColumn: 'status', className: 'c-status' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => (e.status === 'n/a' ? null
      : <span className={`status status-${e.status}${isBroken(e) ? ' is-bad' : ''}`}>{statusLabel(e)}</span>),
  }),
  col.accessor('size', {
    header: 'Size',
    meta: { sortColumn: 'size', align: 'end', className: 'c-size' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => (e.kind === 'file' ? formatSize(e.size) : e.kind === 'dir' ? <FolderSizeCell path={e.path} /> : <span className="dim">—</span>),
  }),
  col.accessor('mtimeMs', {
    header: 'Modified',
    meta: { sortColumn: 'mtime', className: 'c-mtime' } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => formatDate(e.mtimeMs),
  }),
]
