/** The two result tables with their filters and batch actions: broken links, and hard-link groups. */
import type { BrokenLink, HardLinkGroup } from '../../../shared/types/scan'
import { DataTable } from '../../components/DataTable'
import { useListKeys } from '../../components/useListKeys'
import { BROKEN_COLUMNS, GROUP_COLUMNS, groupNames } from '../../lib/export-lists'
import { formatCount } from '../../lib/format'
import { brokenListText } from '../../lib/scan-rows'
import type { ScanStatus } from '../../stores/slices/scan-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { ExportButtons } from '../actions/ExportButtons'
import { brokenColumns, groupColumns } from './scan-columns'

const brokenId = (l: BrokenLink): string => l.path
const groupId = (g: HardLinkGroup): string => g.id

function FilterBox({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string
  value: string
  onChange: (v: string) => void
  placeholder: string
}) {
  return (
    <div className="filter scan-filter">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
        <circle cx="7" cy="7" r="4.5" />
        <path d="M10.5 10.5l3 3" />
      </svg>
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(ev) => onChange(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Escape') {
            ev.stopPropagation()
            onChange('')
          }
        }}
      />
    </div>
  )
}

export function BrokenSection() {
  const store = useAppStore()
  const view = useApp((s) => s.brokenView)
  const total = useApp((s) => s.scanBroken.length)
  const sort = useApp((s) => s.brokenSort)
  const filter = useApp((s) => s.brokenFilter)
  const selected = useApp((s) => s.brokenSelected)
  const focus = useApp((s) => s.brokenFocus)
  const status = useApp((s) => s.scanStatus)
  const busy = useApp((s) => s.busy)
  const s = store.getState
  const chosen = [...selected]
  /** The selected links, or every shown one, to the clipboard as a table. */
  const copyList = (): void => {
    const st = s()
    const links =
      st.brokenSelected.size > 0 ? st.brokenView.filter((l) => st.brokenSelected.has(l.path)) : st.brokenView
    if (links.length === 0) return
    void st.copyText(
      brokenListText(links),
      `${formatCount(links.length)} broken link${links.length === 1 ? '' : 's'} (path, target, reason; tab-separated)`,
    )
  }

  const onKeyDown = useListKeys({
    move: (move, extend, page) => s().moveBrokenFocus(move, extend, page),
    remove: () => {
      const st = s()
      if (st.brokenSelected.size > 0) st.requestRemoveBroken([...st.brokenSelected])
    },
    toggle: () => {
      const f = s().brokenFocus
      if (f) s().selectBroken(f, 'toggle')
    },
    selectAll: () => s().toggleAllBroken(),
    copy: copyList,
  })

  return (
    <section className="scan-section" aria-label="Broken links">
      <div className="scan-section-head">
        <h2>
          Broken links{' '}
          <span className={`count${total ? ' bad' : ''}`} data-testid="broken-count">
            {formatCount(total)}
          </span>
        </h2>
        {filter ? <span className="muted">{formatCount(view.length)} shown</span> : null}
        <span className="spacer" />
        {chosen.length > 0 ? (
          <div className="batch" aria-label="Selected broken links">
            <span className="muted">{formatCount(chosen.length)} selected</span>
            <button
              type="button"
              className="btn small"
              disabled={busy}
              onClick={() => void s().planBatchRepair(chosen)}
            >
              Retarget to candidates…
            </button>
            <button
              type="button"
              className="btn small"
              disabled={busy}
              onClick={() => {
                const st = s()
                st.openMoveDialog({
                  type: 'replace-prefix',
                  links: st.brokenView.filter((l) => st.brokenSelected.has(l.path)),
                })
              }}
            >
              Replace prefix…
            </button>
            <button
              type="button"
              className="btn small danger-text"
              disabled={busy}
              onClick={() => s().requestRemoveBroken(chosen)}
            >
              Remove {chosen.length === 1 ? 'link' : `${formatCount(chosen.length)} links`}…
            </button>
          </div>
        ) : null}
        {view.length > 0 ? (
          <button
            type="button"
            className="btn small"
            title="Copy the selected links, or all shown, as a table: path, target, reason (Ctrl+C)"
            onClick={copyList}
          >
            {chosen.length > 0 ? 'Copy selected' : filter ? 'Copy shown' : 'Copy list'}
          </button>
        ) : null}
        {view.length > 0 ? (
          <ExportButtons
            what="broken links"
            baseName="broken-links"
            columns={BROKEN_COLUMNS}
            rows={() => s().brokenView}
          />
        ) : null}
        <FilterBox
          label="Filter broken links"
          value={filter}
          onChange={(v) => s().setBrokenFilter(v)}
          placeholder="Filter (path, target, “loop”…)"
        />
      </div>
      <DataTable
        label="Broken links"
        bodyLabel="Broken links rows"
        className="table scan-table broken-table"
        stateKey="broken-links"
        data={view}
        columns={brokenColumns}
        getRowId={brokenId}
        sort={sort}
        onSort={(c) => s().sortBrokenBy(c)}
        rowClass={() => 'is-broken'}
        isSelected={(id) => selected.has(id)}
        focus={focus}
        onRowMouseDown={(ev, l) => {
          if (ev.button !== 0) return
          s().selectBroken(l.path, ev.shiftKey ? 'range' : ev.ctrlKey || ev.metaKey ? 'toggle' : 'only')
        }}
        onRowDoubleClick={(l) => void s().findCandidates(l.path)}
        onKeyDown={onKeyDown}
        empty={brokenEmpty(status, filter, total)}
      />
    </section>
  )
}

/** What the empty broken-links table says: only a scan that finished may claim that every link is fine. */
function brokenEmpty(status: ScanStatus, filter: string, total: number): string {
  if (filter && total > 0) return `Nothing matches “${filter}”.`
  switch (status) {
    case 'running':
      return 'None found yet…'
    case 'done':
      return 'No broken links. Every link here reaches its target.'
    case 'cancelled':
      return 'No broken links among the entries seen before the cancel.'
    case 'failed':
      return 'No broken links found before the scan stopped.'
    case 'idle':
      return ''
  }
}

export function GroupSection() {
  const store = useAppStore()
  const view = useApp((s) => s.groupView)
  const total = useApp((s) => s.scanGroups.length)
  const sort = useApp((s) => s.groupSort)
  const filter = useApp((s) => s.groupFilter)
  const focus = useApp((s) => s.groupFocus)
  const status = useApp((s) => s.scanStatus)
  const s = store.getState
  const onKeyDown = useListKeys({ move: (move, _extend, page) => s().moveGroupFocus(move, page) })
  return (
    <section className="scan-section" aria-label="Hard-link groups">
      <div className="scan-section-head">
        <h2>
          Hard-link groups{' '}
          <span className={`count${total ? ' hard' : ''}`} data-testid="group-count">
            {formatCount(total)}
          </span>
        </h2>
        {filter ? <span className="muted">{formatCount(view.length)} shown</span> : null}
        <span className="muted hint">Each group is one file under several names.</span>
        <span className="spacer" />
        {view.length > 0 ? (
          <ExportButtons
            what="hard-link groups"
            baseName="hard-link-groups"
            columns={GROUP_COLUMNS}
            rows={() => groupNames(s().groupView)}
          />
        ) : null}
        <FilterBox
          label="Filter hard-link groups"
          value={filter}
          onChange={(v) => s().setGroupFilter(v)}
          placeholder="Filter (path, “elsewhere”)"
        />
      </div>
      <DataTable
        label="Hard-link groups"
        bodyLabel="Hard-link groups rows"
        className="table scan-table group-table"
        stateKey="hardlink-groups"
        data={view}
        columns={groupColumns}
        getRowId={groupId}
        sort={sort}
        onSort={(c) => s().sortGroupsBy(c)}
        rowClass={() => 'is-hardlinked'}
        isSelected={(id) => id === focus}
        focus={focus}
        onRowMouseDown={(ev, g) => {
          if (ev.button === 0) s().focusGroup(g.id)
        }}
        onRowDoubleClick={(g) => void s().showGroupNames(g)}
        onKeyDown={onKeyDown}
        empty={groupsEmpty(status, filter, total)}
      />
    </section>
  )
}

/** What the empty groups table says: a group shows only once all its names are found. */
function groupsEmpty(status: ScanStatus, filter: string, total: number): string {
  switch (status) {
    case 'running':
      return 'None complete yet: a group shows once all its names are found (or when the scan ends, if some are elsewhere).'
    case 'cancelled':
      return 'No group was complete before the cancel; a finished scan lists them all. Scan again to see them.'
    case 'idle':
      return filter && total > 0 ? `Nothing matches “${filter}”.` : ''
    case 'done':
    case 'failed':
      return filter && total > 0 ? `Nothing matches “${filter}”.` : 'No file here has more than one name.'
  }
}
