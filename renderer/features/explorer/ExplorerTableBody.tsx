/**
 * The scrolling rows. The virtualizer lives here, the lowest component that needs it, so scrolling
 * re-renders only this body. Keyboard navigation works on the focused body like a file manager's list.
 */
import { createRow, type Table } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { LinkEntry } from '../../../shared/types/link'
import { isBroken, isHardLinked } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import type { RowMenuHandler } from './ExplorerTable'
import { GridCells } from '../../components/GridCells'

export const ROW_HEIGHT = 28

const KEY_MOVES: Record<string, 'up' | 'down' | 'home' | 'end' | 'pageup' | 'pagedown'> = {
  ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end', PageUp: 'pageup', PageDown: 'pagedown',
}

export function ExplorerTableBody({ table, view, onContextMenu }: { table: Table<LinkEntry>; view: readonly LinkEntry[]; onContextMenu?: RowMenuHandler }) {
  const store = useAppStore()
  const selected = useApp((s) => s.selected)
  const focus = useApp((s) => s.focus)
  const scrollRef = useRef<HTMLDivElement>(null)
  const typed = useRef({ text: '', at: 0 })

  const virtualizer = useVirtualizer({
    count: view.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  useEffect(() => {
    if (!focus) return
    const i = view.findIndex((e) => e.path === focus)
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
  }, [focus, view, virtualizer])

  const onKeyDown = (ev: React.KeyboardEvent): void => {
    const s = store.getState()
    const move = KEY_MOVES[ev.key]
    if (move) {
      ev.preventDefault()
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1)
      s.moveFocus(move, ev.shiftKey, page)
      return
    }
    if (ev.key === 'Enter') {
      const entry = s.view.find((e) => e.path === s.focus)
      if (entry) { ev.preventDefault(); void s.openEntry(entry) }
      return
    }
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'a') { ev.preventDefault(); s.selectAll(); return }
    if (ev.key === 'Delete') { ev.preventDefault(); s.requestRemoveSelected(); return }
    if (ev.key === 'F2') { ev.preventDefault(); s.requestRename(); return }
    if (ev.key === 'ContextMenu' || (ev.shiftKey && ev.key === 'F10')) {
      ev.preventDefault()
      const entry = s.view.find((e) => e.path === s.focus) ?? null
      const el = entry ? scrollRef.current?.querySelector(`[data-path="${CSS.escape(entry.path)}"]`) : null
      const r = (el ?? scrollRef.current)?.getBoundingClientRect()
      if (r) s.openMenu({ x: r.left + 40, y: r.top + (entry ? r.height : 20), entry })
      return
    }
    if (ev.key === ' ' && s.focus) { ev.preventDefault(); s.toggleSelected(s.focus); return }
    // Type-to-find: letters typed quickly jump to the next name that starts with them.
    if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      const now = Date.now()
      const t = typed.current
      t.text = now - t.at > 700 ? ev.key : t.text + ev.key
      t.at = now
      const q = t.text.toLocaleLowerCase()
      const start = Math.max(0, s.view.findIndex((e) => e.path === s.focus))
      const order = [...s.view.slice(start + (t.text.length === 1 ? 1 : 0)), ...s.view.slice(0, start + 1)]
      const hit = order.find((e) => e.name.toLocaleLowerCase().startsWith(q))
      if (hit) s.selectOnly(hit.path)
    }
  }

  const onRowMouseDown = (ev: React.MouseEvent, path: string): void => {
    const s = store.getState()
    if (ev.button === 2) {
      if (!s.selected.has(path)) s.selectOnly(path)
      return
    }
    if (ev.button !== 0) return
    if (ev.shiftKey) s.selectRangeTo(path)
    else if (ev.ctrlKey || ev.metaKey) s.toggleSelected(path)
    else s.selectOnly(path)
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div
      className="tbody"
      ref={scrollRef}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onContextMenu={(ev) => { if (ev.target === ev.currentTarget || (ev.target as HTMLElement).classList.contains('tbody-inner')) onContextMenu?.(ev, null) }}
      aria-label="Entries"
    >
      <div className="tbody-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => {
          const e = view[v.index]!
          const row = createRow(table, e.path, e, v.index, 0)
          const cls = ['row',
            selected.has(row.id) ? 'is-selected' : '',
            focus === row.id ? 'is-focused' : '',
            isHardLinked(e) ? 'is-hardlinked' : '',
            isBroken(e) ? 'is-broken' : '',
            v.index % 2 ? 'odd' : ''].filter(Boolean).join(' ')
          return (
            <div
              key={row.id}
              className={cls}
              role="row"
              aria-selected={selected.has(row.id)}
              aria-rowindex={v.index + 2}
              data-path={row.id}
              style={{ transform: `translateY(${v.start}px)` }}
              onMouseDown={(ev) => onRowMouseDown(ev, row.id)}
              onDoubleClick={() => { void store.getState().openEntry(e) }}
              onContextMenu={(ev) => onContextMenu?.(ev, e)}
            >
              <GridCells row={row} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
