/**
 * One keyboard for every list, as a file manager's: arrows, Home/End and PageUp/PageDown move the focus
 * (Shift extends the selection), Space toggles, Ctrl+A selects all, Ctrl+C copies, Delete removes, F2
 * renames, Enter opens, the menu key opens the context menu, and letters typed quickly jump to a name.
 * A list gives the actions it has; the keys of the others do nothing there.
 */
import { useRef } from 'react'

import type { FocusMove } from '../stores/lists/list-state'
import { ROW_HEIGHT } from './DataTable'

export type ListKeyActions = {
  move(move: FocusMove, extend: boolean, pageSize: number): void
  toggle?(): void
  selectAll?(): void
  copy?(): void
  remove?(): void
  rename?(): void
  open?(): void
  /** the context menu, placed by the body it opens over */
  menu?(body: HTMLElement): void
  /** the first name after the focus that starts with what was typed */
  find?(typed: string, fromNext: boolean): void
}

const KEY_MOVES: Record<string, FocusMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
  PageUp: 'pageup',
  PageDown: 'pagedown',
}
/** Letters typed within this pause make one search; a longer pause starts a new one. */
const TYPE_PAUSE_MS = 700

const ctrl = (ev: React.KeyboardEvent, key: string): boolean =>
  (ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === key

const isMenuKey = (ev: React.KeyboardEvent): boolean => ev.key === 'ContextMenu' || (ev.shiftKey && ev.key === 'F10')
const isLetter = (ev: React.KeyboardEvent): boolean => ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey

/** The action a key asks for, if the list has it. */
function actionFor(ev: React.KeyboardEvent, keys: ListKeyActions): (() => void) | undefined {
  if (ev.key === 'Enter') return keys.open
  if (ctrl(ev, 'a')) return keys.selectAll
  if (ctrl(ev, 'c')) return keys.copy
  if (ev.key === 'Delete') return keys.remove
  if (ev.key === 'F2') return keys.rename
  if (ev.key === ' ') return keys.toggle
  return undefined
}

export function useListKeys(keys: ListKeyActions): (ev: React.KeyboardEvent, body: HTMLElement | null) => void {
  const typed = useRef({ text: '', at: 0 })
  return (ev, body) => {
    const move = KEY_MOVES[ev.key]
    if (move) {
      ev.preventDefault()
      keys.move(move, ev.shiftKey, Math.max(1, Math.floor((body?.clientHeight ?? 400) / ROW_HEIGHT) - 1))
      return
    }
    if (keys.menu && body && isMenuKey(ev)) {
      ev.preventDefault()
      keys.menu(body)
      return
    }
    const action = actionFor(ev, keys)
    if (action) {
      ev.preventDefault()
      action()
      return
    }
    if (keys.find && isLetter(ev)) {
      const now = Date.now()
      const t = typed.current
      t.text = now - t.at > TYPE_PAUSE_MS ? ev.key : t.text + ev.key
      t.at = now
      keys.find(t.text, t.text.length === 1)
    }
  }
}
