/** What the last merge did, per group: names linked, names refused with the reason and the way out; and Undo. */
import { JournalReport, Refused } from '../../components/JournalReport'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'

export function DupesReport() {
  const store = useAppStore()
  const report = useApp((s) => s.dupesReport)
  const busy = useApp((s) => s.dupesBusy)
  if (!report) return null
  const refused = report.records.flatMap((r) => r.refused)
  const undone = report.undone
  return (
    <JournalReport
      label="Merge report"
      titleTestId="dupes-report-title"
      title={
        undone
          ? `Undone: ${formatCount(undone.restored.length)} name${undone.restored.length === 1 ? '' : 's'} are separate files again`
          : `Merged ${formatCount(report.linked)} name${report.linked === 1 ? '' : 's'} into hard links, ${formatSize(report.freed)} freed`
      }
      undoLabel="Undo merge"
      canUndo={!!report.journal && !undone}
      busy={busy}
      onUndo={() => void store.getState().undoDupesMerge()}
      onClose={() => store.setState({ dupesReport: null })}
      error={report.error}
    >
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
    </JournalReport>
  )
}
