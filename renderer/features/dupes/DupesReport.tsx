/** What the last merge did, per group: names linked, names refused with the reason and the way out; and Undo. */
import type { AppError } from '../../../shared/errors'
import type { DupesRefusal } from '../../../shared/types/dupes'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'

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

export function DupesReport() {
  const store = useAppStore()
  const report = useApp((s) => s.dupesReport)
  const busy = useApp((s) => s.dupesBusy)
  if (!report) return null
  const refused = report.records.flatMap((r) => r.refused)
  const undone = report.undone
  return (
    <section className="dupes-report" aria-label="Merge report" role="region">
      <div className="scan-section-head">
        <h2 data-testid="dupes-report-title">
          {undone
            ? `Undone: ${formatCount(undone.restored.length)} name${undone.restored.length === 1 ? '' : 's'} are separate files again`
            : `Merged ${formatCount(report.linked)} name${report.linked === 1 ? '' : 's'} into hard links, ${formatSize(report.freed)} freed`}
        </h2>
        <span className="spacer" />
        {report.journal && !undone ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void store.getState().undoDupesMerge()}>
            Undo merge
          </button>
        ) : null}
        <button
          type="button"
          className="btn"
          onClick={() => store.setState({ dupesReport: null })}
          aria-label="Close the report"
        >
          Close
        </button>
      </div>
      {report.error ? <ErrorLine error={report.error} /> : null}
      <ul className="report-items">
        {report.records
          .filter((r) => r.linked.length > 0)
          .map((r) => (
            <li key={`${r.group}:${r.keeper}`} className="done">
              <span className="mark" aria-hidden>
                ✓
              </span>
              <span className="mono">
                <Shown text={r.linked.join(', ')} />
              </span>{' '}
              <span className="muted">now {r.linked.length === 1 ? 'a name' : 'names'} of</span>{' '}
              <span className="mono">
                <Shown text={r.keeper} />
              </span>
            </li>
          ))}
        {refused.map((r, i) => (
          <Refused key={`${r.path}:${i}`} r={r} />
        ))}
        {undone?.refused.map((r, i) => (
          <Refused key={`u:${r.path}:${i}`} r={r} />
        ))}
      </ul>
    </section>
  )
}
