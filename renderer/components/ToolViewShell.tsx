/**
 * The frame of a full-window tool view (Compare folders, Duplicates): its header and panels on top, its
 * table in the main area with an optional side panel, and Escape caught before the app's own keys
 * (which would move the hidden explorer): by default back to the explorer.
 */
import { type ReactNode, useEffect } from 'react'

import type { AppState } from '../stores/app-store'
import { useAppStore } from '../stores/store-context'

type Props = {
  className: string
  /** What Escape does; back to the explorer when absent. */
  onEscape?: (s: AppState) => void
  top: ReactNode
  table: ReactNode
  aside?: ReactNode
}

export function ToolViewShell({ className, onEscape, top, table, aside }: Props) {
  const store = useAppStore()
  useEffect(() => {
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      if (ev.key !== 'Escape' || s.dialog || s.menu || ev.defaultPrevented) return
      ev.preventDefault()
      ev.stopPropagation()
      if (onEscape) onEscape(s)
      else s.showExplorer()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [store, onEscape])
  return (
    <div className={`scan-view ${className}`}>
      {top}
      <main className="main scan-main">
        <div className="scan-tables">{table}</div>
        {aside}
      </main>
    </div>
  )
}
