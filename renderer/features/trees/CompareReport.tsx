/** What the last *Link these* did: paths linked, paths refused with the reason and the way out; and Undo. */
import { JournalReport, Refused } from '../../components/JournalReport'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'

/** The report lists this many paths of each kind; the counts say how many there are in all. */
const LISTED = 200

function title(linked: number, refused: number, freed: number, restored: number | null): string {
  if (restored !== null)
    return `Undone: ${formatCount(restored)} name${restored === 1 ? ' is a' : 's are'} separate file${restored === 1 ? '' : 's'} again`
  const made = `Linked ${formatCount(linked)} pair${linked === 1 ? '' : 's'}, ${formatSize(freed)} freed`
  return refused > 0 ? `${made}; ${formatCount(refused)} refused` : made
}

export function CompareReport() {
  const store = useAppStore()
  const report = useApp((s) => s.compareReport)
  const busy = useApp((s) => s.compareBusy)
  if (!report) return null
  const undone = report.undone
  return (
    <JournalReport
      label="Link report"
      titleTestId="compare-report-title"
      title={title(report.linked.length, report.refused.length, report.freed, undone ? undone.restored.length : null)}
      undoLabel="Undo link"
      canUndo={!!report.journal && !undone}
      busy={busy}
      onUndo={() => void store.getState().undoCompareLink()}
      onClose={() => store.setState({ compareReport: null })}
      error={report.error}
    >
      {undone
        ? null
        : report.linked.slice(0, LISTED).map((p) => (
            <li key={p} className="done">
              <span className="mark" aria-hidden>
                ✓
              </span>
              <span className="mono">
                <Shown text={p} />
              </span>{' '}
              <span className="muted">in B is now a name of A’s file</span>
            </li>
          ))}
      {report.refused.slice(0, LISTED).map((r, i) => (
        <Refused key={`${r.path}:${i}`} r={r} />
      ))}
      {undone?.refused.slice(0, LISTED).map((r, i) => (
        <Refused key={`u:${r.path}:${i}`} r={r} />
      ))}
    </JournalReport>
  )
}
