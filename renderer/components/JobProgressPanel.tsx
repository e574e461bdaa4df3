/**
 * A streamed job's panel (a comparison, a duplicates search): the progress bar, the view's own counts
 * and buttons beside it, and one summary line under it (the error when the job failed).
 */
import type { ReactNode } from 'react'

import type { AppError } from '../../shared/errors'
import { explainOpError } from '../lib/explain'
import { Shown } from './Shown'

type Props = {
  /** the panel's and the bar's accessible name */
  label: string
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed'
  /** what the bar says while the job runs */
  runningText: string
  error: AppError | null
  /** the summary line's test id */
  summaryId: string
  /** the summary line when there is no error */
  outcome: ReactNode
  /** the counts and buttons beside the bar */
  children: ReactNode
}

export function JobProgressPanel({ label, status, runningText, error, summaryId, outcome, children }: Props) {
  const running = status === 'running'
  return (
    <section className={`scan-progress status-${status}`} aria-label={label}>
      <div className="scan-progress-row">
        <div
          className={`progress${running ? ' running' : ''}`}
          role="progressbar"
          aria-label={label}
          aria-valuetext={running ? runningText : status}
          {...(running ? {} : { 'aria-valuenow': 100, 'aria-valuemin': 0, 'aria-valuemax': 100 })}
        >
          <div className="progress-fill" />
        </div>
        {children}
      </div>
      <p className="scan-summary" data-testid={summaryId} role="status">
        {error ? (
          <>
            <strong>{explainOpError(error, 'open').reason}</strong>{' '}
            <span className="mono">
              <Shown text={error.message} />
            </span>
          </>
        ) : (
          outcome
        )}
      </p>
    </section>
  )
}
