/** "Measure size" for a folder in the explorer's details panel: bytes in names vs bytes of data. */
import type { LinkEntry } from '../../../shared/types/link'
import { Shown } from '../../components/Shown'
import { formatCount, formatSize } from '../../lib/format'
import type { FolderMeasure } from '../../stores/slices/folder-sizes-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { sizesText } from '../scan/ScanStatus'
import { onlyHereText } from './only-here'

/** "Measure size" is offered until a measure is on its way (a queued one without figures can be started now). */
const offersMeasure = (m: FolderMeasure | null): boolean =>
  !m || m.status === 'failed' || m.status === 'cancelled' || (m.status === 'queued' && !m.measured)

export function FolderSize({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const measure = useApp((s) => s.folderSizes.get(entry.path) ?? null)
  // Scans never follow links, so only real folders are measured.
  if (entry.kind !== 'dir') return null
  const s = store.getState
  const status = measure?.status
  // Figures from an earlier measure stay shown while it is measured again.
  const known = measure?.measured === true
  const offer = offersMeasure(measure)
  return (
    <div className="folder-size" aria-label="Folder size">
      {offer ? (
        <button type="button" className="btn small" onClick={() => s().measureFolder(entry.path)}>
          Measure size
        </button>
      ) : null}
      {status === 'queued' && !known ? <span className="muted"> queued for the Size column</span> : null}
      {measure && status === 'running' ? (
        <p className="muted">
          <span className="spinner small" aria-hidden /> Measuring…{' '}
          {known ? '' : `${formatCount(measure.entries)} entries so far `}
          <button type="button" className="btn small" onClick={() => s().cancelMeasure(entry.path)}>
            Cancel
          </button>
        </p>
      ) : null}
      {measure && known ? <MeasuredSize entry={entry} measure={measure} /> : null}
      {measure ? <MeasureEnd measure={measure} /> : null}
    </div>
  )
}

/** The figures of a measured folder, and the way to scan it. */
function MeasuredSize({ entry, measure }: { entry: LinkEntry; measure: FolderMeasure }) {
  const store = useAppStore()
  const shared =
    measure.apparentBytes > measure.uniqueBytes
      ? `; hard links share ${formatSize(measure.apparentBytes - measure.uniqueBytes)}`
      : ''
  return (
    <p data-testid="folder-size">
      <strong>{sizesText(measure.apparentBytes, measure.uniqueBytes)}</strong>
      <span className="muted">
        {' '}
        ({formatCount(measure.entries)} entries{shared})
      </span>
      <br />
      <span data-testid="only-here" className="only-here">
        {onlyHereText(measure.onlyHereBytes)}
      </span>{' '}
      <button type="button" className="link" onClick={() => store.getState().startScan(entry.path)}>
        Scan “<Shown text={entry.name} />”
      </button>
    </p>
  )
}

/** How a measure that gave no figures ended. */
function MeasureEnd({ measure }: { measure: FolderMeasure }) {
  if (measure.status === 'cancelled') return <p className="muted">Measuring was cancelled.</p>
  if (measure.status === 'failed' && measure.error)
    return (
      <p className="plan-problem">
        Could not measure it:{' '}
        <span className="mono">
          <Shown text={measure.error.message} />
        </span>
      </p>
    )
  return null
}
