/** The Compare folders view's head: the two folders, Compare and Cancel, progress, and counts per state that filter the table. */
import { COMPARE_STATES, type CompareProgress } from '../../../shared/types/trees'
import { JobProgressPanel } from '../../components/JobProgressPanel'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { BackToExplorer, formatMs } from '../scan/ScanStatus'
import { STATE_HINTS, STATE_LABELS } from './compare-labels'
import { PathField } from './PathField'

export function CompareForm() {
  const store = useAppStore()
  const a = useApp((s) => s.compareA)
  const b = useApp((s) => s.compareB)
  const status = useApp((s) => s.compareStatus)
  const s = store.getState
  const running = status === 'running'
  return (
    <header className="toolbar scan-toolbar compare-toolbar">
      <BackToExplorer />
      <h1 className="scan-title">Compare folders</h1>
      <form
        className="compare-form"
        onSubmit={(ev) => {
          ev.preventDefault()
          s().startCompare()
        }}
      >
        <label className="compare-field">
          <span>A</span>
          <PathField
            label="Folder A"
            value={a}
            disabled={running}
            onChange={(v) => s().setCompareFolders(v, s().compareB)}
          />
        </label>
        <label className="compare-field">
          <span>B</span>
          <PathField
            label="Folder B"
            autoFocus={a !== '' && b === ''}
            placeholder="the folder to compare with A"
            value={b}
            disabled={running}
            onChange={(v) => s().setCompareFolders(s().compareA, v)}
          />
        </label>
        {running ? (
          <button type="button" className="btn" onClick={() => s().cancelCompare()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="btn primary" disabled={!a.trim() || !b.trim()}>
            Compare
          </button>
        )}
      </form>
    </header>
  )
}

function progressText(p: CompareProgress | null): string {
  if (!p || p.phase === 'walk') return 'Walking both folders…'
  return `Reading ${formatCount(p.pairs)} pair${p.pairs === 1 ? '' : 's'} of separate files (${formatSize(p.bytes)}) to compare their bytes…`
}

function outcome(status: string, p: CompareProgress | null, ms: number | null, sameDevice: boolean): string {
  switch (status) {
    case 'idle':
      return 'Choose two folders: every path below them is matched by identity (one file, equal bytes, or different).'
    case 'running':
      return progressText(p)
    case 'done':
      return `Done in ${formatMs(ms ?? 0)}.${sameDevice ? '' : ' The folders are on different devices: they cannot share hard links.'}`
    case 'cancelled':
      return 'Cancelled: nothing is listed, since paths show only once both folders are walked.'
    default:
      return ''
  }
}

function StateCounts() {
  const store = useAppStore()
  const summary = useApp((s) => s.compareSummary)
  const shown = useApp((s) => s.compareShown)
  return (
    <div className="compare-states" role="group" aria-label="Show paths by state">
      {COMPARE_STATES.map((st) => {
        const c = summary?.states[st]
        return (
          <button
            key={st}
            type="button"
            className={`state-chip state-${st}`}
            aria-pressed={shown.has(st)}
            title={`${STATE_HINTS[st]}. Click to ${shown.has(st) ? 'hide' : 'show'} these rows.`}
            onClick={() => store.getState().toggleCompareState(st)}
          >
            <span className="state-name">{STATE_LABELS[st]}</span>
            <span className="state-count" data-testid={`compare-${st}`}>
              {c ? formatCount(c.count) : '–'}
            </span>
            <span className="muted">{c ? formatSize(c.bytes) : ''}</span>
          </button>
        )
      })}
    </div>
  )
}

export function CompareProgressPanel() {
  const status = useApp((s) => s.compareStatus)
  const p = useApp((s) => s.compareProgress)
  const summary = useApp((s) => s.compareSummary)
  const error = useApp((s) => s.compareError)
  return (
    <JobProgressPanel
      label="Comparison progress"
      status={status}
      runningText={progressText(p)}
      error={error}
      summaryId="compare-summary"
      outcome={
        <>
          {outcome(status, p, summary?.ms ?? null, summary?.sameDevice ?? true)}
          {summary && summary.groupingDiffers > 0
            ? ` ${formatCount(summary.groupingDiffers)} path${summary.groupingDiffers === 1 ? ' is' : 's are'} grouped differently (one file on one side, several on the other).`
            : ''}
          {summary ? ` ${formatSize(summary.bytesRead)} read.` : ''}
        </>
      }
    >
      <StateCounts />
    </JobProgressPanel>
  )
}
