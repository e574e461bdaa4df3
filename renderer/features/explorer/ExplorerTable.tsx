/** The folder table: the store's sorted, filtered entries in the shared DataTable, driven like a file manager's list. */
import type { LinkEntry } from '../../../shared/types/link'
import { DataTable } from '../../components/DataTable'
import { useListKeys } from '../../components/useListKeys'
import { isBroken, isHardLinked } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { rowDragProps } from '../actions/link-drag'
import { columns, columnsWithFolderSizes } from './columns'

const getRowId = (e: LinkEntry): string => e.path
const rowClass = (e: LinkEntry): string =>
  [isHardLinked(e) ? 'is-hardlinked' : '', isBroken(e) ? 'is-broken' : ''].filter(Boolean).join(' ')

export type RowMenuHandler = (e: React.MouseEvent, entry: LinkEntry | null) => void

export function ExplorerTable({ onContextMenu }: { onContextMenu?: RowMenuHandler }) {
  const store = useAppStore()
  const view = useApp((s) => s.view)
  const sort = useApp((s) => s.sort)
  const selected = useApp((s) => s.selected)
  const focus = useApp((s) => s.focus)
  // measured folders need a wider Size column ("8.1 MiB data · 12.4 MiB")
  const sized = useApp((s) => s.folderSizes.size > 0)
  const s = store.getState
  const focused = (): LinkEntry | undefined => s().view.find((e) => e.path === s().focus)

  const onKeyDown = useListKeys({
    move: (move, extend, page) => s().moveFocus(move, extend, page),
    toggle: () => {
      const f = s().focus
      if (f) s().toggleSelected(f)
    },
    selectAll: () => s().selectAll(),
    remove: () => s().requestRemoveSelected(),
    rename: () => s().requestRename(),
    open: () => {
      const entry = focused()
      if (entry) void s().openEntry(entry)
    },
    menu: (body) => {
      const entry = focused() ?? null
      const el = entry ? body.querySelector(`[data-path="${CSS.escape(entry.path)}"]`) : null
      const r = (el ?? body).getBoundingClientRect()
      s().openMenu({ x: r.left + 40, y: r.top + (entry ? r.height : 20), entry })
    },
    // Type-to-find: the next name (from the focus on) that starts with the letters typed.
    find: (typed, fromNext) => {
      const list = s().view
      const q = typed.toLocaleLowerCase()
      const start = Math.max(
        0,
        list.findIndex((e) => e.path === s().focus),
      )
      const order = [...list.slice(start + (fromNext ? 1 : 0)), ...list.slice(0, start + 1)]
      const hit = order.find((e) => e.name.toLocaleLowerCase().startsWith(q))
      if (hit) s().selectOnly(hit.path)
    },
  })

  const onRowMouseDown = (ev: React.MouseEvent, e: LinkEntry): void => {
    if (ev.button === 2) {
      if (!s().selected.has(e.path)) s().selectOnly(e.path)
      return
    }
    if (ev.button !== 0) return
    if (ev.shiftKey) s().selectRangeTo(e.path)
    else if (ev.ctrlKey || ev.metaKey) s().toggleSelected(e.path)
    else s().selectOnly(e.path)
  }

  return (
    <DataTable
      label="Folder contents"
      bodyLabel="Entries"
      className={`table${sized ? ' with-folder-sizes' : ''}`}
      stateKey="folder"
      data={view}
      columns={sized ? columnsWithFolderSizes : columns}
      getRowId={getRowId}
      sort={sort}
      onSort={(c) => s().sortBy(c)}
      rowClass={rowClass}
      isSelected={(id) => selected.has(id)}
      multiselectable
      focus={focus}
      followFocus
      overscan={12}
      onRowMouseDown={onRowMouseDown}
      rowDragProps={(e) => rowDragProps(s, e)}
      onRowDoubleClick={(e) => {
        void s().openEntry(e)
      }}
      {...(onContextMenu
        ? { onRowContextMenu: onContextMenu, onBodyContextMenu: (ev: React.MouseEvent) => onContextMenu(ev, null) }
        : {})}
      onKeyDown={onKeyDown}
    />
  )
}
