/** The groups found, streamed into the shared table; one or many chosen for a merge. */
import type { DupeGroupRow } from '../../../shared/types/dupes'
import { DataTable } from '../../components/DataTable'
import { useListKeys } from '../../components/useListKeys'
import { formatCount } from '../../lib/format'
import type { DupesStatus } from '../../stores/slices/dupes-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { dupesColumns } from './dupes-columns'

const groupId = (g: DupeGroupRow): string => g.id

function emptyText(status: DupesStatus): string {
  switch (status) {
    case 'running':
      return 'None found yet: a group shows once its files are read whole.'
    case 'done':
      return 'No duplicates: no two distinct files here have the same content.'
    case 'cancelled':
      return 'No group was settled before the cancel.'
    case 'failed':
    case 'idle':
      return ''
  }
}

export function DupesTable() {
  const store = useAppStore()
  const groups = useApp((s) => s.dupesGroups)
  const sort = useApp((s) => s.dupesSort)
  const sel = useApp((s) => s.dupesSelection)
  const status = useApp((s) => s.dupesStatus)
  const busy = useApp((s) => s.dupesBusy)
  const merged = useApp((s) => s.dupesMerged)
  const s = store.getState
  const onKeyDown = useListKeys({
    move: (move, extend, page) => s().moveDupeFocus(move, extend, page),
    toggle: () => {
      const f = s().dupesSelection.focus
      if (f) s().selectDupe(f, 'toggle')
    },
    selectAll: () => s().toggleAllDupes(),
  })
  const chosen = [...sel.selected].filter((id) => !merged.has(id))
  return (
    <section className="scan-section dupes-section" aria-label="Groups of duplicates">
      <div className="scan-section-head">
        <h2>
          Groups{' '}
          <span className="count" data-testid="dupes-count">
            {formatCount(groups.length)}
          </span>
        </h2>
        <span className="muted hint">
          Each group is distinct files with the same bytes. Merging makes them names of one file.
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn primary nowrap"
          disabled={busy || chosen.length === 0}
          title="Merge every selected group into hard links of its keeper"
          onClick={() => void s().mergeDupes(chosen)}
        >
          {chosen.length > 0
            ? `Merge ${formatCount(chosen.length)} selected into hard links`
            : 'Merge selected into hard links'}
        </button>
      </div>
      <DataTable
        label="Groups of duplicates"
        bodyLabel="Groups of duplicates rows"
        className="table scan-table dupes-table"
        stateKey="dupes"
        data={groups}
        columns={dupesColumns}
        getRowId={groupId}
        sort={sort}
        onSort={(c) => s().sortDupesBy(c)}
        rowClass={(g) => (merged.has(g.id) ? 'is-merged' : 'is-duplicate')}
        isSelected={(id) => sel.selected.has(id)}
        multiselectable
        focus={sel.focus}
        onRowMouseDown={(ev, g) => {
          if (ev.button !== 0) return
          s().selectDupe(g.id, ev.shiftKey ? 'range' : ev.ctrlKey || ev.metaKey ? 'toggle' : 'only')
        }}
        onKeyDown={onKeyDown}
        empty={emptyText(status)}
      />
    </section>
  )
}
