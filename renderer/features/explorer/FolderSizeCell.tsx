/**
 * A real folder's Size cell: its bytes in names once measured ("Folder sizes" on the toolbar, or
 * "Measure size" in the details panel), and its bytes of data beside them when hard links make them fewer;
 * the tooltip adds what removing it would free.
 */
import { formatCount, formatSize } from '../../lib/format'
import { useApp } from '../../stores/store-context'
import { sizesText } from '../scan/ScanStatus'
import { onlyHereText } from './only-here'

export function FolderSizeCell({ path }: { path: string }) {
  const m = useApp((s) => s.folderSizes.get(path))
  if (!m) return <span className="dim">—</span>
  if (m.measured) {
    const shared = m.apparentBytes > m.uniqueBytes
    return (
      <span
        className="folder-bytes"
        title={
          `${sizesText(m.apparentBytes, m.uniqueBytes)}; ${formatCount(m.entries)} entries` +
          (shared ? ` — hard links share ${formatSize(m.apparentBytes - m.uniqueBytes)}` : '') +
          `; ${onlyHereText(m.onlyHereBytes)}` +
          (m.status === 'running' ? ' (measuring again…)' : '')
        }
      >
        {/* the data's bytes only when they read differently: "1.3 MiB data · 1.3 MiB" says nothing */}
        {shared && formatSize(m.uniqueBytes) !== formatSize(m.apparentBytes) ? (
          <span className="data-bytes">{formatSize(m.uniqueBytes)} data · </span>
        ) : null}
        {formatSize(m.apparentBytes)}
      </span>
    )
  }
  if (m.status === 'running')
    return (
      <span className="dim" title={`Measuring… ${formatCount(m.entries)} entries so far`}>
        <span className="spinner small" aria-hidden />
        {formatCount(m.entries)}
      </span>
    )
  if (m.status === 'queued')
    return (
      <span className="dim" title="Waiting to be measured">
        …
      </span>
    )
  if (m.status === 'failed')
    return (
      <span className="dim" title={`Could not measure it: ${m.error?.message ?? ''}`}>
        ?
      </span>
    )
  return (
    <span className="dim" title="Measuring was cancelled">
      —
    </span>
  )
}
