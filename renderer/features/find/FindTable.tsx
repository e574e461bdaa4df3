/**
 * Find results in the shared table, as the explorer's rows behave: a header click sorts, Shift/Ctrl+click
 * and Shift+arrows select, Ctrl+A selects all, Ctrl+C copies the selected paths, and the context menu
 * (right-click or the menu key) acts on the selection. Enter or a double-click opens a result's folder.
 */
import { useMemo } from 'react'

import type { LinkEntry } from '../../../shared/types/link'
import { DataTable } from '../../components/DataTable'
import { useListKeys } from '../../components/useListKeys'
import { useApp, useAppStore } from '../../stores/store-context'
import { findColumns } from './find-columns'

const rowId = (e: LinkEntry): string => e.path

export function FindTable() {
  const store = useAppStore()
  const status = useApp((s) => s.findStatus)
  const found = useApp((s) => s.found)
  const sort = useApp((s) => s.findSort)
  const sel = useApp((s) => s.findSelection)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const columns = useMemo(() => findColumns(sep), [sep])
  const s = store.getState
  const focused = (): LinkEntry | undefined => s().found.find((x) => x.path === s().findSelection.focus)
  const onKeyDown = useListKeys({
    move: (move, extend, page) => s().moveFoundFocus(move, extend, page),
    toggle: () => {
      const f = s().findSelection.focus
      if (f) s().selectFound(f, 'toggle')
    },
    selectAll: () => s().toggleAllFound(),
    copy: () => void s().copyPaths(s().chosenFound(), 'path'),
    open: () => {
      const e = focused()
      if (e) void s().openFound(e)
    },
    menu: (body) => {
      const e = focused() ?? s().chosenFound()[0]
      if (!e) return
      const el = body.querySelector(`[data-path="${CSS.escape(e.path)}"]`)
      const r = (el ?? body).getBoundingClientRect()
      s().openMenu({ x: r.left + 40, y: r.top + r.height, entry: e, find: true })
    },
  })
  return (
    <DataTable
      label="Found by name"
      bodyLabel="Found entries"
      className="table scan-table find-table"
      stateKey="find-results"
      data={found}
      columns={columns}
      getRowId={rowId}
      sort={sort}
      onSort={(c) => s().sortFoundBy(c)}
      isSelected={(id) => sel.selected.has(id)}
      multiselectable
      focus={sel.focus}
      onRowMouseDown={(ev, e) => {
        if (ev.button === 2) {
          if (!s().findSelection.selected.has(e.path)) s().selectFound(e.path)
          return
        }
        if (ev.button !== 0) return
        s().selectFound(e.path, ev.shiftKey ? 'range' : ev.ctrlKey || ev.metaKey ? 'toggle' : 'only')
      }}
      onRowDoubleClick={(e) => {
        void s().openFound(e)
      }}
      onRowContextMenu={(ev, e) => {
        ev.preventDefault()
        s().openMenu({ x: ev.clientX, y: ev.clientY, entry: e, find: true })
      }}
      onKeyDown={onKeyDown}
      empty={status === 'done' ? 'Nothing has this name here.' : undefined}
    />
  )
}
