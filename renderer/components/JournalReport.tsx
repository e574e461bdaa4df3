/**
 * The report of a journaled batch (a merge, a *Link these*): its title, Undo while the journal can be
 * undone, Close, the batch's error if it failed, and its lines: what was done and what was refused, with
 * the reason and the way out.
 */
import type { ReactNode } from 'react'

import type { AppError } from '../../shared/errors'
import type { DupesRefusal } from '../../shared/types/dupes'
import { explainOpError } from '../lib/explain'
import { Shown } from './Shown'

export function Refused({ r }: { r: DupesRefusal }) {
  const why = explainOpError({ code: r.code, message: r.message })
  return (
    <li className="refused">
      <span className="mark" aria-hidden>
        ✕
      </span>
      {r.path ? (
        <span className="mono">
          <Shown text={r.path} />
        </span>
      ) : null}
      <span className="report-reason">
        <strong>{why.reason}</strong> {why.wayOut}
      </span>
      <span className="report-detail mono">
        <Shown text={r.message} />
      </span>
    </li>
  )
}

export function ErrorLine({ error }: { error: AppError }) {
  const why = explainOpError(error)
  return (
    <p className="plan-problem">
      <strong>{why.reason}</strong> {why.wayOut}{' '}
      <span className="mono">
        <Shown text={error.message} />
      </span>
    </p>
  )
}

type Props = {
  label: string
  titleTestId: string
  title: string
  /** the Undo button's label; the button shows only when `canUndo` */
  undoLabel: string
  canUndo: boolean
  busy: boolean
  onUndo: () => void
  onClose: () => void
  error?: AppError | null
  children: ReactNode
}

export function JournalReport({
  label,
  titleTestId,
  title,
  undoLabel,
  canUndo,
  busy,
  onUndo,
  onClose,
  error,
  children,
}: Props) {
  return (
    <section className="dupes-report" aria-label={label} role="region">
      <div className="scan-section-head">
        <h2 data-testid={titleTestId}>{title}</h2>
        <span className="spacer" />
        {canUndo ? (
          <button type="button" className="btn" disabled={busy} onClick={onUndo}>
            {undoLabel}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onClose} aria-label="Close the report">
          Close
        </button>
      </div>
      {error ? <ErrorLine error={error} /> : null}
      <ul className="report-items">{children}</ul>
    </section>
  )
}
