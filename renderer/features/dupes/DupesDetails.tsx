/** The focused group: its files with every name, the keeper chosen by a radio button, and its merge. */
import { visibleName } from '../../../shared/names'
import type { DupeFileRow, DupeGroupRow } from '../../../shared/types/dupes'
import { Shown } from '../../components/Shown'
import { formatCount, formatDate, formatSize } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'

function FileChoice({
  group,
  file,
  keeper,
  disabled,
}: {
  group: DupeGroupRow
  file: DupeFileRow
  keeper: string
  disabled: boolean
}) {
  const store = useAppStore()
  const first = file.paths[0] ?? ''
  const elsewhere = file.links - file.paths.length
  return (
    <li className={`dupe-file${file.id === keeper ? ' is-keeper' : ''}`}>
      <label className="dupe-keep">
        <input
          type="radio"
          name={`keep-${group.id}`}
          checked={file.id === keeper}
          disabled={disabled}
          aria-label={`Keep ${visibleName(first)}`}
          onChange={() => store.getState().chooseKeeper(group.id, file.id)}
        />
        {file.id === keeper ? <span className="pill pill-best">keeper</span> : <span className="muted">keep this</span>}
      </label>
      <ul className="dupe-names">
        {file.paths.map((p) => (
          <li key={p} className="mono" title={visibleName(p)}>
            <Shown text={p} path />
          </li>
        ))}
      </ul>
      <p className="muted dupe-file-facts">
        Modified {formatDate(file.mtimeMs)}
        {file.paths.length > 1 ? ` · ${formatCount(file.paths.length)} names here (one file)` : ''}
        {elsewhere > 0
          ? ` · ${formatCount(elsewhere)} name${elsewhere === 1 ? '' : 's'} elsewhere: merging it frees nothing`
          : ''}
      </p>
    </li>
  )
}

export function DupesDetails() {
  const store = useAppStore()
  const group = useApp((s) => s.dupesGroups.find((g) => g.id === s.dupesSelection.focus) ?? null)
  const keeper = useApp((s) => (group ? (s.dupesKeepers[group.id] ?? group.keeper) : ''))
  const merged = useApp((s) => (group ? s.dupesMerged.has(group.id) : false))
  const busy = useApp((s) => s.dupesBusy)
  if (!group) {
    return (
      <aside className="details scan-details" aria-label="Group details">
        <div className="details-body">
          <p className="muted">Select a group to see its files and choose which one to keep.</p>
        </div>
      </aside>
    )
  }
  return (
    <aside className="details scan-details dupes-details" aria-label="Group details">
      <div className="details-body">
        <h2>
          {formatCount(group.files.length)} files of {formatSize(group.size)}
        </h2>
        <p className="muted">
          Merging frees {formatSize(group.reclaimable)}: every name below becomes a name of the keeper, with its bytes.
          Owners, permissions and extended attributes must match; files that differ are left as they are.
        </p>
        <ul className="dupe-files">
          {group.files.map((f) => (
            <FileChoice key={f.id} group={group} file={f} keeper={keeper} disabled={merged || busy} />
          ))}
        </ul>
        <button
          type="button"
          className="btn primary"
          disabled={merged || busy}
          onClick={() => void store.getState().mergeDupes([group.id])}
        >
          {merged ? 'Merged' : busy ? 'Merging…' : 'Merge into hard links'}
        </button>
      </div>
    </aside>
  )
}
