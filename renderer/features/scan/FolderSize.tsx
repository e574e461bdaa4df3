/** "Measure size" for a folder in the explorer's details panel: bytes in names vs bytes of data. */
import type { LinkEntry } from '../../../shared/types/link'
import { formatCount, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { sizesText } from './ScanStatus'

export function FolderSize({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const measure = useApp((s) => s.folderSizes.get(entry.path) ?? null)
  // Scans never follow links, so only real folders are measured.
  if (entry.kind !== 'dir') return null
  const s = store.getState
  const status = measure?.status
  // Figures from an earlier measure stay shown while it is measured again.
  const known = measure?.measured === true
  return (
    <div className="folder-size" aria-label="Folder size">
      {!measure || status === 'failed' || status === 'cancelled' || (status === 'queued' && !known) ? (
        <button type="button" className="btn small" onClick={() => s().measureFolder(entry.path)}>Measure size</button>
      ) : null}
      {status === 'queued' && !known ? <span className="muted"> queued for the Size column</span> : null}
      {status === 'running' ? (
        <p className="muted"><span className="spinner small" aria-hidden /> Measuring… {known ? '' : `${formatCount(measure?.entries ?? 0)} entries so far `}<button type="button" className="btn small" onClick={() => s().cancelMeasure(entry.path)}>Cancel</button></p>
      ) : null}
      {measure && known ? (
        <p data-testid="folder-size">
          <strong>{sizesText(measure.apparentBytes, measure.uniqueBytes)}</strong>
          <span className="muted"> ({formatCount(measure.entries)} entries{measure.apparentBytes > measure.uniqueBytes ? `; hard links share ${formatSize(measure.apparentBytes - measure.uniqueBytes)}` : ''})</span>
          {' '}<button type="button" className="link" onClick={() => s().startScan(entry.path)}>Scan “{entry.name}”</button>
        </p>
      ) : null}
      {status === 'cancelled' ? <p className="muted">Measuring was cancelled.</p> : null}
      {status === 'failed' && measure?.error ? <p className="plan-problem">Could not measure it: <span className="mono">{measure.error.message}</span></p> : null}
    </div>
  )
}
