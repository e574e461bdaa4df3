/** The folder table's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import type { ColumnMeta as TableColumnMeta } from '../../components/DataTable'
import { KindIcon } from '../../components/KindIcon'
import { Shown } from '../../components/Shown'
import { columnIdOf } from '../../components/useColumnLayout'
import type { SortColumn } from '../../lib/entries'
import {
  formatDate,
  formatDateCompact,
  formatSize,
  iconKindOf,
  isBroken,
  isHardLinked,
  kindLabel,
  statusLabel,
} from '../../lib/format'
import { FolderSizeCell } from './FolderSizeCell'

const col = createColumnHelper<LinkEntry>()

export type ColumnMeta = TableColumnMeta<SortColumn> & { sortColumn: SortColumn }

export const columns = [
  col.accessor('name', {
    header: 'Name',
    size: 200,
    enableHiding: false,
    meta: { sortColumn: 'name', className: 'c-name', grow: 1 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => (
      <>
        <KindIcon kind={iconKindOf(e)} />
        <span className={`name${e.hidden ? ' is-hidden' : ''}`} title={visibleName(e.name)}>
          <Shown text={e.name} />
        </span>
      </>
    ),
  }),
  col.display({
    id: 'kind',
    header: 'Kind',
    size: 128,
    meta: { sortColumn: 'kind', className: 'c-kind', priority: 3 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => kindLabel(e),
  }),
  // "Names", not "Links": a file's link count is how many names it has; "links" here means symlinks.
  col.accessor('links', {
    header: 'Names',
    size: 78,
    meta: {
      sortColumn: 'links',
      align: 'end',
      className: 'c-links',
      title: 'Name count (hard links)',
      priority: 4,
    } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) =>
      e.kind === 'file' ? (
        <span
          className={isHardLinked(e) ? 'pill pill-hard' : 'dim'}
          title={isHardLinked(e) ? `This file has ${e.links} names (hard links)` : 'This file has one name'}
        >
          {e.links}
        </span>
      ) : (
        // a folder's count is "." and its subfolders' "..", a link's is its own: neither is names of data
        <span className="dim" title="Only files have names to count: folders and links show —">
          —
        </span>
      ),
  }),
  col.accessor('target', {
    header: 'Target',
    size: 180,
    meta: { sortColumn: 'target', className: 'c-target', grow: 3 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) =>
      e.target !== undefined ? (
        <span className="target" title={visibleName(e.resolved ?? e.target)}>
          <span className="arrow-glyph" aria-hidden>
            →
          </span>
          <Shown text={e.target} />
        </span>
      ) : null,
  }),
  col.accessor('status', {
    header: 'Status',
    size: 92,
    meta: { sortColumn: 'status', className: 'c-status', priority: 5 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) =>
      e.status === 'n/a' ? null : (
        <span className={`status status-${e.status}${isBroken(e) ? ' is-bad' : ''}`}>{statusLabel(e)}</span>
      ),
  }),
  col.accessor('size', {
    header: 'Size',
    size: 84,
    meta: { sortColumn: 'size', align: 'end', className: 'c-size', priority: 2 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) =>
      e.kind === 'file' ? (
        formatSize(e.size)
      ) : e.kind === 'dir' ? (
        <FolderSizeCell path={e.path} />
      ) : (
        <span className="dim">—</span>
      ),
  }),
  col.accessor('mtimeMs', {
    header: 'Modified',
    size: 140,
    meta: { sortColumn: 'mtime', className: 'c-mtime', priority: 1 } satisfies ColumnMeta,
    cell: ({ row: { original: e } }) => <span title={formatDate(e.mtimeMs)}>{formatDateCompact(e.mtimeMs)}</span>,
  }),
]

/** The same columns with a Size wide enough for measured folders ("8.1 MiB data · 12.4 MiB"). */
// (an accessor column's id is its key: `c.id` alone is undefined here)
export const columnsWithFolderSizes = columns.map((c) => (columnIdOf(c) === 'size' ? { ...c, size: 132 } : c))
