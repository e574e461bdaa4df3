/** The Duplicates view's head: where it searched, progress with bytes hashed per second and Cancel, the summary. */
import { JobProgressPanel } from '../../components/JobProgressPanel'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { BackToExplorer, formatMs } from '../scan/ScanStatus'

export function DupesHeader() {
  const store = useAppStore()
  const roots = useApp((s) => s.dupesRoots)
  const status = useApp((s) => s.dupesStatus)
  const s = store.getState
  return (
    <header className="toolbar scan-toolbar">
      <BackToExplorer />
      <h1 className="scan-title">
        <span className="muted">Duplicates in</span>{' '}
        <span className="mono" title={roots?.join(', ') ?? ''}>
          <Shown text={roots?.join(', ') ?? '—'} />
        </span>
      </h1>
      <span className="spacer" />
      {roots && status !== 'running' ? (
        <button type="button" className="btn" onClick={() => s().findDupes(roots)}>
          Find again
        </button>
      ) : null}
    </header>
  )
}

function outcome(status: string, groups: number, freed: number, ms: number | null): string {
  const found = `${formatCount(groups)} group${groups === 1 ? '' : 's'} of duplicates, ${formatSize(freed)} to free`
  switch (status) {
    case 'running':
      return groups > 0 ? `Searching… ${found} so far.` : 'Searching…'
    case 'done':
      return groups > 0
        ? `Done in ${formatMs(ms ?? 0)}: ${found}.`
        : `Done in ${formatMs(ms ?? 0)}: no two distinct files here have the same content.`
    case 'cancelled':
      return 'Cancelled. Groups are only listed once their files are read whole; search again to see them all.'
    default:
      return ''
  }
}

export function DupesProgressPanel() {
  const store = useAppStore()
  const status = useApp((s) => s.dupesStatus)
  const p = useApp((s) => s.dupesProgress) ?? {
    phase: 'walk',
    files: 0,
    candidates: 0,
    bytesHashed: 0,
    bytesPerSecond: 0,
  }
  const summary = useApp((s) => s.dupesSummary)
  const error = useApp((s) => s.dupesError)
  const groups = useApp((s) => s.dupesGroups.length)
  const freed = useApp((s) => s.dupesGroups.reduce((n, g) => n + (s.dupesMerged.has(g.id) ? 0 : g.reclaimable), 0))
  const running = status === 'running'
  return (
    <JobProgressPanel
      label="Duplicate search progress"
      status={status}
      runningText={`${p.phase === 'walk' ? 'listing' : 'reading'}: ${formatSize(p.bytesHashed)} read`}
      error={error}
      summaryId="dupes-summary"
      outcome={outcome(status, groups, freed, summary?.ms ?? null)}
    >
      <dl className="scan-counts">
        <div>
          <dt>Files seen</dt>
          <dd data-testid="dupes-files">{formatCount(summary?.files ?? p.files)}</dd>
        </div>
        <div>
          <dt>Still alike</dt>
          <dd data-testid="dupes-candidates">{formatCount(running ? p.candidates : 0)}</dd>
        </div>
        <div>
          <dt>Bytes read</dt>
          <dd data-testid="dupes-bytes">{formatSize(summary?.bytesHashed ?? p.bytesHashed)}</dd>
        </div>
        <div>
          <dt>Read per second</dt>
          <dd data-testid="dupes-rate">{formatSize(p.bytesPerSecond)}/s</dd>
        </div>
      </dl>
      {running ? (
        <button type="button" className="btn" onClick={() => store.getState().cancelDupes()}>
          Cancel
        </button>
      ) : null}
    </JobProgressPanel>
  )
}

export function DupesErrors() {
  const errors = useApp((s) => s.dupesErrors)
  if (errors.length === 0) return null
  return (
    <details className="scan-errors">
      <summary>
        {formatCount(errors.length)} file{errors.length === 1 ? '' : 's'} could not be read (left out)
      </summary>
      <ul>
        {errors.slice(0, 200).map((e) => (
          <li key={e.path} className="mono">
            <Shown text={e.message} />
          </li>
        ))}
      </ul>
    </details>
  )
}
