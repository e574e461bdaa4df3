/**
 * A panel on the right of the window: its left edge is dragged (or focused and moved with the arrow
 * keys) to resize it, and its button collapses it to a thin strip. Both are remembered per panel.
 */
import '../styles/side-panel.css'

import { useEffect, useState } from 'react'

import { followDrag } from './measure'
import { fitPanelWidth, loadPanel, PANEL_MIN, type PanelPrefs, savePanel } from './panel-state'
import { pageStorage } from './remembered'

const DEFAULT: PanelPrefs = { width: 300, collapsed: false }
/** Arrow keys on the edge move it this far; with Shift, four times as far. */
const KEY_STEP = 16

function useWindowWidth(): number {
  const [w, setW] = useState(() => window.innerWidth)
  useEffect(() => {
    const on = (): void => setW(window.innerWidth)
    window.addEventListener('resize', on)
    return () => window.removeEventListener('resize', on)
  }, [])
  return w
}

export function SidePanel({
  id,
  label,
  className,
  children,
}: {
  id: string
  label: string
  className?: string
  children: React.ReactNode
}) {
  const [prefs, setPrefs] = useState(() => loadPanel(pageStorage(), id, DEFAULT))
  useEffect(() => savePanel(pageStorage(), id, prefs), [id, prefs])
  const windowWidth = useWindowWidth()
  const width = fitPanelWidth(prefs.width, windowWidth)
  const setWidth = (w: number): void => setPrefs((p) => ({ ...p, width: fitPanelWidth(w, window.innerWidth) }))
  const toggle = (
    <button
      type="button"
      className="panel-toggle"
      aria-expanded={!prefs.collapsed}
      aria-label={prefs.collapsed ? `Show the ${label.toLowerCase()} panel` : `Hide the ${label.toLowerCase()} panel`}
      title={prefs.collapsed ? `Show the ${label.toLowerCase()} panel` : `Hide the ${label.toLowerCase()} panel`}
      onClick={() => setPrefs((p) => ({ ...p, collapsed: !p.collapsed }))}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
        <path d={prefs.collapsed ? 'M10 3L5 8l5 5' : 'M6 3l5 5-5 5'} />
      </svg>
    </button>
  )
  if (prefs.collapsed) {
    return (
      <aside className={`side-panel collapsed ${className ?? ''}`} aria-label={label}>
        {toggle}
      </aside>
    )
  }
  return (
    <>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize the ${label.toLowerCase()} panel`}
        aria-valuenow={width}
        aria-valuemin={PANEL_MIN}
        aria-valuemax={fitPanelWidth(Infinity, windowWidth)}
        tabIndex={0}
        className="panel-resizer"
        onPointerDown={(ev) => {
          if (ev.button !== 0) return
          ev.preventDefault()
          // the panel is on the right: dragging its edge left makes it wider
          followDrag(ev, (dx) => setWidth(width - dx))
        }}
        onKeyDown={(ev) => {
          if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return
          ev.preventDefault()
          setWidth(width + (ev.shiftKey ? 4 : 1) * KEY_STEP * (ev.key === 'ArrowLeft' ? 1 : -1))
        }}
      />
      <aside className={`side-panel details ${className ?? ''}`} aria-label={label} style={{ width }}>
        <div className="panel-bar">{toggle}</div>
        {children}
      </aside>
    </>
  )
}
