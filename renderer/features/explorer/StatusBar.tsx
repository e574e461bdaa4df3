/** Counts for the open folder, the streaming progress and the connection. */
import { formatCount } from '../../lib/format'
import type { FolderMeasure } from '../../stores/slices/folder-sizes-slice'
import { entriesSoFar } from '../../stores/slices/listing-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { FolderSizesTotal } from './FolderSizesTotal'

function folderSizesLeft(sizes: ReadonlyMap<string, FolderMeasure>): number {
  let n = 0
  for (const m of sizes.values()) if (m.status === 'queued' || m.status === 'running') n++
  return n
}

/** A count that filters the list to what it counts (the filter's own word for it); a second click clears. */
function FilterChip({
  testId,
  word,
  className,
  children,
}: {
  testId: string
  word: string
  className?: string
  children: React.ReactNode
}) {
  const store = useAppStore()
  const on = useApp((s) => s.filter.trim().toLowerCase() === word)
  return (
    <button
      type="button"
      data-testid={testId}
      className={`sb-chip${className ? ` ${className}` : ''}`}
      aria-pressed={on}
      title={on ? 'Show every entry' : `Show only these (filter “${word}”)`}
      onClick={() => store.getState().setFilter(on ? '' : word)}
    >
      {children}
    </button>
  )
}

export function StatusBar() {
  const stats = useApp((s) => s.stats)
  const shown = useApp((s) => s.view.length)
  const loading = useApp((s) => s.loading)
  const total = useApp(entriesSoFar)
  const summary = useApp((s) => s.summary)
  const selected = useApp((s) => s.selected.size)
  const filter = useApp((s) => s.filter)
  const lost = useApp((s) => s.connectionLost)
  const opened = useApp((s) => s.dir !== null)
  const sizing = useApp((s) => folderSizesLeft(s.folderSizes))
  // Before the first folder is asked for, "0 entries" would be a claim about nothing.
  const count = !opened
    ? 'Starting…'
    : loading
      ? `Loading… ${formatCount(total)} entries so far`
      : `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}`
  return (
    <footer className="statusbar" role="status">
      <span data-testid="count-entries">{count}</span>
      {filter ? <span>{formatCount(shown)} shown</span> : null}
      <FilterChip testId="count-hardlinked" word="hard link" className={stats.hardLinked ? 'sb-hard' : undefined}>
        {formatCount(stats.hardLinked)} hard-linked
      </FilterChip>
      <FilterChip testId="count-broken" word="broken" className={stats.broken ? 'sb-broken' : undefined}>
        {formatCount(stats.broken)} broken
      </FilterChip>
      {selected ? <span>{formatCount(selected)} selected</span> : null}
      <span className="spacer" />
      <FolderSizesTotal />
      {sizing ? (
        <span className="muted" data-testid="sizing">
          Measuring folders: {formatCount(sizing)} to go
        </span>
      ) : null}
      {!loading && summary ? <span className="muted">listed in {summary.ms} ms</span> : null}
      {lost ? <span className="sb-broken">Disconnected</span> : null}
    </footer>
  )
}
