/** The outcome of the last operation, item by item: done, or refused with the reason and the way out. */
import type { AppErrorCode } from '../../../shared/errors'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { CHOICE_LABELS, dropAlternatives } from '../../lib/link-plan'
import { basenameOf, joinPath } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { PrivilegeChoices } from './PrivilegeChoices'

export function ReportPanel() {
  const store = useAppStore()
  const report = useApp((s) => s.report)
  const canUndo = useApp((s) => s.undoStack.length > 0)
  const busy = useApp((s) => s.busy)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const caps = useApp((s) => s.info?.capabilities)
  const junctions = caps?.junctions ?? true
  if (!report) return null
  const refused = report.items.filter((i) => !i.ok).length
  const op =
    report.verb === 'retarget'
      ? 'retarget'
      : report.verb === 'remove'
        ? 'remove'
        : report.verb === 'rename'
          ? 'rename'
          : 'create'
  return (
    <section className={`report${refused ? ' has-refusals' : ''}`} aria-label="Operation report" role="region">
      <header className="report-head">
        <strong>{report.title}</strong>
        {report.dropAs === 'hard' && report.items.some((i) => i.ok) ? (
          <span className="muted">Each hard link is the same file under another name — not a copy or a backup.</span>
        ) : null}
        <span className="spacer" />
        {canUndo && report.verb !== 'undo' ? (
          <button type="button" className="btn small" disabled={busy} onClick={() => void store.getState().undo()}>
            Undo <kbd>Ctrl+Z</kbd>
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button"
          aria-label="Close report"
          onClick={() => store.getState().dismissReport()}
        >
          ×
        </button>
      </header>
      {report.items.length > 0 ? (
        <ul className="report-items">
          {report.items.map((item, i) => {
            if (item.ok) {
              return (
                <li key={i} className="done">
                  <span className="mark" aria-label="done">
                    ✓
                  </span>
                  <span className="mono">
                    <Shown text={item.entry.name} />
                  </span>
                  {report.verb === 'drop' || report.verb === 'create' ? (
                    <span className="muted">
                      from <Shown text={basenameOf(item.source, sep)} />
                    </span>
                  ) : null}
                  {item.note ? <span className="muted">{item.note}</span> : null}
                </li>
              )
            }
            const { reason, wayOut } = explainOpError(item.error, op, junctions)
            const instead =
              report.dropAs && report.dropDir && caps && item.error.code !== 'PRIVILEGE_REQUIRED'
                ? dropAlternatives(item.error.code, report.dropAs, caps)
                : []
            const dropDir = report.dropDir
            return (
              <li key={i} className="refused">
                <span className="mark" aria-label="refused">
                  ✕
                </span>
                <span className="mono">
                  <Shown text={basenameOf(item.source, sep)} />
                </span>
                <span className="report-reason">
                  <strong>{reason}</strong> {wayOut}
                </span>
                {dropDir
                  ? instead.map((as) => (
                      <button
                        key={as}
                        type="button"
                        className="btn small"
                        disabled={busy}
                        onClick={() => void store.getState().dropSources([item.source], dropDir, as)}
                      >
                        Make a {CHOICE_LABELS[as].toLowerCase()} instead
                      </button>
                    ))
                  : null}
                <RemoveAnyway code={item.error.code} op={op} path={item.source} busy={busy} />
                <span className="report-detail">
                  <Shown text={item.error.message} />
                </span>
                {item.error.code === 'PRIVILEGE_REQUIRED' &&
                report.dropDir &&
                (report.dropAs === 'symbolic-relative' || report.dropAs === 'symbolic-absolute') ? (
                  <PrivilegeChoices
                    error={item.error}
                    request={{
                      type: 'symbolic',
                      target: item.source,
                      link: joinPath(report.dropDir, basenameOf(item.source, sep), sep),
                      relative: report.dropAs === 'symbolic-relative',
                    }}
                  />
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </section>
  )
}

/** A read-only name refused on removal (Windows): removing it anyway takes that name only, on request. */
function RemoveAnyway({ code, op, path, busy }: { code: AppErrorCode; op: string; path: string; busy: boolean }) {
  const store = useAppStore()
  if (code !== 'READ_ONLY' || op !== 'remove') return null
  return (
    <button
      type="button"
      className="btn small"
      disabled={busy}
      onClick={() => void store.getState().removeLinks([path], { readOnlyToo: true })}
    >
      Remove anyway
    </button>
  )
}
