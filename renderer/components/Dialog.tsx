/** A modal dialog: Escape or the backdrop closes it; the first field takes the focus, and gets it back where it was after. */
import { useEffect, useRef } from 'react'

import { Shown } from './Shown'
import { useFocusReturn } from './useFocusReturn'

export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  title: string
  onClose: () => void
  children: React.ReactNode
  footer: React.ReactNode
  wide?: boolean
}) {
  const ref = useRef<HTMLDivElement>(null)
  useFocusReturn(true, ref)
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button.primary, button.danger')
    first?.focus()
  }, [])
  return (
    <div
      className="backdrop"
      onMouseDown={(ev) => {
        if (ev.target === ev.currentTarget) onClose()
      }}
    >
      <div
        ref={ref}
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(ev) => {
          if (ev.key === 'Escape') {
            ev.stopPropagation()
            onClose()
          }
        }}
      >
        <h2 className="dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-footer">{footer}</div>
      </div>
    </div>
  )
}

export function RefusalBox({ reason, wayOut, detail }: { reason: string; wayOut: string; detail?: string }) {
  return (
    <div className="refusal" role="alert">
      <strong>{reason}</strong>
      <span>{wayOut}</span>
      {detail ? (
        <span className="detail mono">
          <Shown text={detail} />
        </span>
      ) : null}
    </div>
  )
}
