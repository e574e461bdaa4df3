/**
 * The total of the Size column for the open folder: its files' bytes plus its measured folders' bytes (in
 * names, as the column shows them), and how many folders are still unmeasured, so a partial sum says so.
 */
import type { LinkEntry } from '../../../shared/types/link'
import { formatCount, formatSize } from '../../lib/format'
import type { FolderMeasure } from '../../stores/slices/folder-sizes-slice'
import { useApp } from '../../stores/store-context'

export type SizesTotal = { bytes: number; folders: number; measured: number; fileBytes: number }

export function sizesTotal(entries: readonly LinkEntry[], sizes: ReadonlyMap<string, FolderMeasure>): SizesTotal {
  const t: SizesTotal = { bytes: 0, folders: 0, measured: 0, fileBytes: 0 }
  for (const e of entries) {
    if (e.kind === 'dir') {
      t.folders++
      const m = sizes.get(e.path)
      if (m?.measured) {
        t.measured++
        t.bytes += m.apparentBytes
      }
    } else if (e.kind === 'file') t.fileBytes += e.size
  }
  t.bytes += t.fileBytes
  return t
}

export function FolderSizesTotal() {
  const on = useApp((s) => s.folderSizesOn)
  const entries = useApp((s) => s.entries)
  const sizes = useApp((s) => s.folderSizes)
  if (!on) return null
  const t = sizesTotal(entries, sizes)
  const partial =
    t.measured < t.folders ? ` (${formatCount(t.measured)} of ${formatCount(t.folders)} folders measured)` : ''
  return (
    <span
      data-testid="sizes-total"
      title={`Files here: ${formatSize(t.fileBytes)}; folders: ${formatSize(t.bytes - t.fileBytes)} in names`}
    >
      Total {formatSize(t.bytes)}
      {partial}
    </span>
  )
}
