/** The scan's head: where it runs, progress with counts and Cancel, the summary, and what could not be read. */
import type { AppError } from '../../../shared/errors'
import type { ScanSummary } from '../../../shared/types/scan'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { formatCount, formatSize } from '../../lib/format'
import type { ScanStatus } from '../../stores/slices/scan-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { ScanLimitsFields } from './ScanLimitsFields'

const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** "12.4 MiB in names, 8.1 MiB of data": every name counted, then each file once. */
export const sizesText = (apparent: number, unique: number): string =>
  `${formatSize(apparent)} in names, ${formatSize(unique)} of data`

/** The header's way back to the explorer (Esc does the same), shared by the views over a tree. */
export function BackToExplorer() {
  const store = useAppStore()
  return (
    <button
      type="button"
      className="btn back-button"
      onClick={() => store.getState().showExplorer()}
      title="Back to the explorer (Esc)"
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
        <path d="M10 3L5 8l5 5" />
      </svg>
      Explorer
    </button>
  )
}

export function ScanHeader() {
  const store = useAppStore()
  const root = useApp((s) => s.scanRoot)
  const status = useApp((s) => s.scanStatus)
  const crossDevices = useApp((s) => s.scanCrossDevices)
  const s = store.getState
  return (
    <header className="toolbar scan-toolbar">
      <BackToExplorer />
      <h1 className="scan-title">
        <span className="muted">Scan of</span>{' '}
        <span className="mono" title={root ?? ''}>
          {root ?? '—'}
        </span>
      </h1>
      <span className="spacer" />
      <ScanLimitsFields />
      <label
        className="check"
        title="Enter folders on other file systems (mount points) under the scanned folder; off, a scan stays on one, as find -xdev does"
      >
        <input type="checkbox" checked={crossDevices} onChange={(e) => s().setScanCrossDevices(e.target.checked)} />{' '}
        Other file systems
      </label>
      {root && status !== 'running' ? (
        <button type="button" className="btn" onClick={() => s().startScan(root)}>
          Scan again
        </button>
      ) : null}
    </header>
  )
}

export function ScanProgressPanel() {
  const store = useAppStore()
  const status = useApp((s) => s.scanStatus)
  const progress = useApp((s) => s.scanProgress)
  const summary = useApp((s) => s.scanSummary)
  const error = useApp((s) => s.scanError)
  const first = useApp((s) => s.scanFirstResultMs)
  // Both times are counted from the click, so "first result after" is never later than "done in".
  const ms = useApp((s) => s.scanWallMs ?? s.scanSummary?.ms ?? 0)
  const left = useApp((s) => s.scanBroken.reduce((n, l) => n + (l.reason === 'denied' ? 0 : 1), 0))
  const running = status === 'running'
  const p = progress ?? { entries: 0, dirsQueued: 0, perSecond: 0, errors: 0 }
  return (
    <section className={`scan-progress status-${status}`} aria-label="Scan progress">
      <div className="scan-progress-row">
        <div
          className={`progress${running ? ' running' : ''}`}
          role="progressbar"
          aria-label="Scan progress"
          aria-valuetext={running ? `${formatCount(p.entries)} entries seen` : status}
          {...(running ? {} : { 'aria-valuenow': 100, 'aria-valuemin': 0, 'aria-valuemax': 100 })}
        >
          <div className="progress-fill" />
        </div>
        <dl className="scan-counts">
          <div>
            <dt>Entries seen</dt>
            <dd data-testid="scan-entries">{formatCount(p.entries)}</dd>
          </div>
          <div>
            <dt>Folders queued</dt>
            <dd data-testid="scan-queued">{formatCount(running ? p.dirsQueued : 0)}</dd>
          </div>
          <div>
            <dt>Entries per second</dt>
            <dd data-testid="scan-rate">{formatCount(p.perSecond)}</dd>
          </div>
        </dl>
        {running ? (
          <button type="button" className="btn" onClick={() => store.getState().cancelScan()}>
            Cancel
          </button>
        ) : null}
      </div>
      <p className="scan-summary" data-testid="scan-summary" role="status">
        <ScanOutcome status={status} ms={ms} seen={p.entries} left={left} summary={summary} error={error} />
        {first !== null ? (
          <span className="muted first-result" data-testid="first-result" data-ms={first}>
            {' '}
            First result after {formatMs(first)}.
          </span>
        ) : null}
      </p>
      {running ? (
        <p className="scan-sizes muted">Bytes in names and bytes of data are shown when the scan ends.</p>
      ) : null}
      {summary && summary.sized !== false && status !== 'failed' ? (
        <ScanSizes summary={summary} cancelled={status === 'cancelled'} />
      ) : null}
    </section>
  )
}

/** The summary line: how the scan went, by its status. */
function ScanOutcome({
  status,
  ms,
  seen,
  left,
  summary,
  error,
}: {
  status: ScanStatus
  ms: number
  seen: number
  left: number
  summary: ScanSummary | null
  error: AppError | null
}) {
  switch (status) {
    case 'running':
      return <>Scanning… results appear as they are found.</>
    case 'cancelled':
      return (
        <>{`Cancelled after ${formatMs(ms)}: ${plural(summary?.entries ?? seen, 'entry', 'entries')} seen. The results below are what was found until then.`}</>
      )
    case 'failed':
      return error ? (
        <>
          <strong>The scan could not run: {explainOpError(error, 'open').reason}</strong>{' '}
          <span className="mono">
            <Shown text={error.message} />
          </span>
        </>
      ) : null
    case 'done':
      return summary ? <DoneSummary ms={ms} summary={summary} left={left} /> : null
    case 'idle':
      return null
  }
}

function DoneSummary({ ms, summary, left }: { ms: number; summary: ScanSummary; left: number }) {
  return (
    <>
      Done in {formatMs(ms)}: {plural(summary.entries, 'entry', 'entries')},{' '}
      <strong className={summary.broken ? 'bad' : undefined}>{plural(summary.broken, 'broken link')}</strong>
      {summary.deniedLinks ? `, ${plural(summary.deniedLinks, 'link')} not checkable (denied)` : ''},{' '}
      {plural(summary.groups, 'hard-link group')}.
      {summary.mountsSkipped ? (
        <span className="mounts-skipped">
          {' '}
          {plural(summary.mountsSkipped, 'mount point')} not entered: other file systems are scanned with “Other file
          systems” on.
        </span>
      ) : null}
      {summary.broken > left ? (
        <span className="fixed-since"> {formatCount(summary.broken - left)} fixed or removed since.</span>
      ) : null}
    </>
  )
}

/** Bytes in names against bytes of data: what hard links save here. */
/** What the two sizes mean here; empty files with several names are several names all the same. */
function sizesNote(summary: ScanSummary): string {
  if (summary.apparentBytes > summary.uniqueBytes)
    return ` — hard links save ${formatSize(summary.apparentBytes - summary.uniqueBytes)} here: several names, one copy of the data.`
  return summary.groups > 0
    ? ' — the files with several names here hold no data, so names and data weigh the same.'
    : ' — no file here has a second name, so every byte is counted once.'
}

function ScanSizes({ summary, cancelled }: { summary: ScanSummary; cancelled: boolean }) {
  return (
    <p className="scan-sizes" data-testid="scan-sizes">
      <strong>{sizesText(summary.apparentBytes, summary.uniqueBytes)}</strong>
      <span className="muted">
        {sizesNote(summary)}
        {cancelled ? ' (Up to the cancel.)' : ''}
      </span>
    </p>
  )
}

export function ScanErrors() {
  const errors = useApp((s) => s.scanErrors)
  if (errors.length === 0) return null
  return (
    <details className="scan-errors">
      <summary>{plural(errors.length, 'folder')} could not be read</summary>
      <ul>
        {errors.map((e) => (
          <li key={`${e.path}:${e.code}`}>
            <span className="mono">
              <Shown text={e.path} />
            </span>
            <span className="muted">
              {' '}
              —{' '}
              {e.code === 'ACCESS_DENIED' ? (
                'no permission to read it'
              ) : e.code === 'NOT_FOUND' ? (
                'it vanished during the scan'
              ) : (
                <Shown text={e.message} />
              )}
            </span>
          </li>
        ))}
      </ul>
    </details>
  )
}
