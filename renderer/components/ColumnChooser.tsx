/**
 * The column chooser at the end of a table's header: show or hide each column, move it earlier or
 * later, or go back to the table's own layout. Escape or a click outside closes it, and the focus goes
 * back to its button.
 */
import type { Table } from '@tanstack/react-table'
import { useEffect, useRef, useState } from 'react'

import { moveColumn } from './column-state'
import { type ColumnLayout, columnTitleOf } from './useColumnLayout'

export function ColumnChooser<T>({ table, layout, label }: { table: Table<T>; layout: ColumnLayout; label: string }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    panel.current?.querySelector<HTMLElement>('input')?.focus()
    const outside = (ev: MouseEvent): void => {
      const t = ev.target as Node
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false)
    }
    window.addEventListener('mousedown', outside)
    return () => window.removeEventListener('mousedown', outside)
  }, [open])

  const byId = new Map(table.getAllLeafColumns().map((c) => [c.id, c]))
  return (
    <>
      <button
        ref={button}
        type="button"
        className="col-chooser-button"
        aria-label={`Columns of ${label}`}
        title="Choose, order and reset the columns"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <path d="M2.5 3.5h11M2.5 8h11M2.5 12.5h11M6 2v3M10 6.5v3M5 11v3" />
        </svg>
      </button>
      {open ? (
        <div
          ref={panel}
          className="col-chooser"
          role="dialog"
          aria-label={`Columns of ${label}`}
          onKeyDown={(ev) => {
            if (ev.key === 'Escape') {
              ev.stopPropagation()
              close()
            }
          }}
        >
          <ul>
            {layout.order.map((id, i) => {
              const def = byId.get(id)?.columnDef
              if (!def) return null
              const title = columnTitleOf(def)
              const canHide = def.enableHiding !== false
              return (
                <li key={id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={!layout.hidden.has(id)}
                      disabled={!canHide}
                      onChange={(ev) => layout.setHidden(id, !ev.target.checked)}
                    />
                    <span>{title}</span>
                    {layout.dropped.has(id) ? (
                      <span className="muted small"> (no room: widen the window or hide another)</span>
                    ) : null}
                  </label>
                  <span className="col-move">
                    <button
                      type="button"
                      className="icon-button small"
                      aria-label={`Move ${title} earlier`}
                      disabled={i === 0}
                      onClick={() => layout.setOrder(moveColumn(layout.order, id, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button small"
                      aria-label={`Move ${title} later`}
                      disabled={i === layout.order.length - 1}
                      onClick={() => layout.setOrder(moveColumn(layout.order, id, 1))}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              )
            })}
          </ul>
          <div className="col-chooser-foot">
            <button type="button" className="btn small" onClick={() => layout.reset()}>
              Reset columns
            </button>
            <button type="button" className="btn small" onClick={close}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </>
  )
}
