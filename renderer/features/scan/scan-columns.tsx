/** The Scan view's columns, at module scope so their identity never changes between renders. */
import { createColumnHelper } from '@tanstack/react-table'

import { visibleName } from '../../../shared/names'
import type { BrokenLink, HardLinkGroup } from '../../../shared/types/scan'
import type { ColumnMeta as ScanColumnMeta } from '../../components/DataTable'
import { KindIcon } from '../../components/KindIcon'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { basenameOf, dirnameOf } from '../../lib/paths'
import { type BrokenColumn, type GroupColumn, namesElsewhere, REASON_HINTS, REASON_LABELS } from '../../lib/scan-rows'
import { useApp, useAppStore } from '../../stores/store-context'

function SelectBox({ path, name }: { path: string; name: string }) {
  const store = useAppStore()
  const on = useApp((s) => s.brokenSelected.has(path))
  return (
    <input
      type="checkbox"
      aria-label={`Select ${name}`}
      checked={on}
      onMouseDown={(ev) => ev.stopPropagation()}
      onChange={() => store.getState().selectBroken(path, 'toggle')}
    />
  )
}

function SelectAllBox() {
  const store = useAppStore()
  const shown = useApp((s) => s.brokenView.length)
  const selected = useApp((s) => s.brokenView.reduce((n, l) => n + (s.brokenSelected.has(l.path) ? 1 : 0), 0))
  return (
    <input
      type="checkbox"
      aria-label="Select all shown broken links"
      checked={shown > 0 && selected === shown}
      ref={(el) => {
        if (el) el.indeterminate = selected > 0 && selected < shown
      }}
      disabled={shown === 0}
      onChange={() => store.getState().toggleAllBroken()}
    />
  )
}

const broken = createColumnHelper<BrokenLink>()

export const brokenColumns = [
  broken.display({
    id: 'select',
    header: () => <SelectAllBox />,
    size: 36,
    enableHiding: false,
    meta: { className: 'c-select', title: 'Select' } satisfies ScanColumnMeta<BrokenColumn>,
    cell: ({ row: { original: l } }) => <SelectBox path={l.path} name={l.name} />,
  }),
  broken.accessor('name', {
    header: 'Name',
    size: 150,
    enableHiding: false,
    meta: { sortColumn: 'name', className: 'c-name', grow: 1 } satisfies ScanColumnMeta<BrokenColumn>,
    cell: ({ row: { original: l } }) => (
      <>
        <KindIcon kind="broken" />
        <span className="name" title={visibleName(l.name)}>
          <Shown text={l.name} />
        </span>
      </>
    ),
  }),
  broken.accessor('path', {
    header: 'Folder',
    size: 160,
    meta: { sortColumn: 'path', className: 'c-folder', grow: 1.3, priority: 2 } satisfies ScanColumnMeta<BrokenColumn>,
    cell: ({ row: { original: l } }) => <FolderCell path={l.path} />,
  }),
  broken.accessor('target', {
    header: 'Target (as stored)',
    size: 180,
    meta: { sortColumn: 'target', className: 'c-target', grow: 1.5 } satisfies ScanColumnMeta<BrokenColumn>,
    cell: ({ row: { original: l } }) => (
      <span className="target" title={l.resolved ? `Resolves to ${visibleName(l.resolved)}` : undefined}>
        <span className="arrow-glyph" aria-hidden>
          →
        </span>
        <Shown text={l.target ?? '?'} />
      </span>
    ),
  }),
  broken.accessor('reason', {
    header: 'Reason',
    size: 140,
    meta: { sortColumn: 'reason', className: 'c-reason', priority: 1 } satisfies ScanColumnMeta<BrokenColumn>,
    cell: ({ row: { original: l } }) => (
      <span className={`reason reason-${l.reason}`} title={REASON_HINTS[l.reason]}>
        {REASON_LABELS[l.reason]}
      </span>
    ),
  }),
]

function FolderCell({ path }: { path: string }) {
  const sep = useApp((s) => s.info?.sep ?? '/')
  const root = useApp((s) => s.scanRoot)
  const dir = dirnameOf(path, sep) ?? path
  // Under the scanned root, the folder is shown relative to it: shorter, and what tells rows apart.
  const inside =
    root !== null &&
    dir.startsWith(root) &&
    (dir.length === root.length || root.endsWith(sep) || dir[root.length] === sep)
  const shown = inside ? `.${sep}${dir.slice(root.length).replace(/^[\\/]/, '')}` : dir
  return (
    <span className="folder mono" title={dir}>
      {shown}
    </span>
  )
}

function GroupNameCell({ group }: { group: HardLinkGroup }) {
  const sep = useApp((s) => s.info?.sep ?? '/')
  const first = group.paths[0] ?? group.id
  return (
    <>
      <KindIcon kind="hardlink" />
      <span className="name" title={visibleName(first)}>
        <Shown text={basenameOf(first, sep)} />
      </span>
      {group.paths.length > 1 ? <span className="also muted">+ {group.paths.length - 1} more</span> : null}
    </>
  )
}

const group = createColumnHelper<HardLinkGroup>()

export const groupColumns = [
  group.display({
    id: 'name',
    header: 'Name',
    size: 220,
    enableHiding: false,
    meta: { sortColumn: 'name', className: 'c-name', grow: 2 } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => <GroupNameCell group={g} />,
  }),
  group.display({
    id: 'folder',
    header: 'Folder',
    size: 160,
    meta: { sortColumn: 'folder', className: 'c-folder', grow: 1.3, priority: 5 } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => <FolderCell path={g.paths[0] ?? g.id} />,
  }),
  group.display({
    id: 'found',
    header: 'Names here',
    size: 116,
    meta: {
      sortColumn: 'found',
      align: 'end',
      className: 'c-found',
      title: 'Names under the scanned folder',
      priority: 3,
    } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => formatCount(g.paths.length),
  }),
  group.accessor('links', {
    header: 'Names',
    size: 78,
    meta: {
      sortColumn: 'links',
      align: 'end',
      className: 'c-links',
      title: 'Names in all (hard links)',
      priority: 2,
    } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => (
      <span className="pill pill-hard" title={`The file has ${g.links} names in all`}>
        {g.links}
      </span>
    ),
  }),
  group.display({
    id: 'elsewhere',
    header: 'Elsewhere',
    size: 108,
    meta: {
      sortColumn: 'elsewhere',
      align: 'end',
      className: 'c-elsewhere',
      title: 'Names outside the scanned folder',
      priority: 1,
    } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => {
      const n = namesElsewhere(g)
      return n > 0 ? (
        <span className="elsewhere" title={`${n} name${n === 1 ? '' : 's'} outside the scanned folder`}>
          {n}
        </span>
      ) : (
        <span className="dim">0</span>
      )
    },
  }),
  group.accessor('size', {
    header: 'Size',
    size: 90,
    meta: { sortColumn: 'size', align: 'end', className: 'c-size', priority: 4 } satisfies ScanColumnMeta<GroupColumn>,
    cell: ({ row: { original: g } }) => formatSize(g.size),
  }),
]
