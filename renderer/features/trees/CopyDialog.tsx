/**
 * *Copy with links…*: choose a destination (it must not exist yet) and whether to clone as hard links;
 * then progress in files and bytes with Cancel (the partial copy is removed), and the summary with what
 * the copy reported (names outside the folder, links kept or rebased).
 */
import { visibleName } from '../../../shared/names'
import type { CopyNote, CopyResult } from '../../../shared/types/trees'
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { formatCount, formatSize } from '../../lib/format'
import { basenameOf } from '../../lib/paths'
import { volumeWord } from '../../lib/volume-word'
import type { TreeCopyDialog } from '../../stores/slices/tree-copy-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { formatMs } from '../scan/ScanStatus'

function noteText(n: CopyNote): { path: string; says: string } {
  switch (n.kind) {
    case 'outside-names':
      return {
        path: n.path,
        says: `has ${n.links} names, ${n.links - n.paths.length} outside the folder: those are not copied, and the copy is a file of its own`,
      }
    case 'absolute-outside':
      return { path: n.path, says: `is an absolute link outside the folder, kept as it was (→ ${n.target})` }
    case 'relative-outside':
      return { path: n.path, says: `is a relative link that leads outside the folder, kept as it was (→ ${n.target})` }
    case 'rebased':
      return {
        path: n.path,
        says: `led into the folder; the copy leads to the same place in the copy (→ ${n.newTarget})`,
      }
    case 'special-skipped':
      return { path: n.path, says: 'is a device, pipe or socket: not copied' }
  }
}

function Summary({ r }: { r: CopyResult }) {
  const s = r.summary
  return (
    <div className="copy-summary" data-testid="copy-summary">
      <p>
        {s.mode === 'hardlink-clone' ? 'Cloned' : 'Copied'} in {formatMs(s.ms)}: {formatCount(s.files)} file
        {s.files === 1 ? '' : 's'} ({formatSize(s.bytes)}), {formatCount(s.hardLinks)} extra hard-link name
        {s.hardLinks === 1 ? '' : 's'}, {formatCount(s.symlinks)} link{s.symlinks === 1 ? '' : 's'},{' '}
        {formatCount(s.dirs)} folder{s.dirs === 1 ? '' : 's'}.
      </p>
      <p>
        {s.notes === 0
          ? 'Nothing to report: every link and hard-link group is as it was.'
          : `${formatCount(s.notes)} to report:`}
      </p>
      {r.notes.length > 0 ? (
        <ul className="names-list copy-notes">
          {r.notes.map((n, i) => {
            const t = noteText(n)
            return (
              <li key={`${n.kind}:${n.path}:${i}`}>
                <span className="mono">
                  <Shown text={t.path} />
                </span>{' '}
                <span className="muted">
                  <Shown text={t.says} />
                </span>
              </li>
            )
          })}
          {s.notes > r.notes.length ? (
            <li className="muted">and {formatCount(s.notes - r.notes.length)} more</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  )
}

function Progress({ d }: { d: TreeCopyDialog }) {
  const p = d.progress
  const pct = p && p.totalBytes > 0 ? Math.round((100 * p.bytes) / p.totalBytes) : 0
  return (
    <div className="copy-progress">
      <div
        className="progress running"
        role="progressbar"
        aria-label="Copy progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p data-testid="copy-progress" role="status">
        {p
          ? `${formatCount(p.files)} of ${formatCount(p.totalFiles)} files, ${formatSize(p.bytes)} of ${formatSize(p.totalBytes)}`
          : 'Listing the folder…'}
      </p>
    </div>
  )
}

function Outcome({ d }: { d: TreeCopyDialog }) {
  if (d.status === 'running') return <Progress d={d} />
  if (d.status === 'done' && d.result) return <Summary r={d.result} />
  if (d.status === 'cancelled')
    return (
      <p role="status" data-testid="copy-cancelled">
        Cancelled: the partial copy was removed.
      </p>
    )
  if (d.status === 'failed' && d.error) {
    const why = explainOpError(d.error)
    return (
      <p className="plan-problem" role="alert">
        <strong>{why.reason}</strong> {why.wayOut}{' '}
        <span className="mono">
          <Shown text={d.error.message} />
        </span>
      </p>
    )
  }
  return null
}

export function CopyDialog({ d }: { d: TreeCopyDialog }) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const s = store.getState
  const editing = d.status === 'editing' || d.status === 'failed'
  const running = d.status === 'running'
  const footer = (
    <>
      {running ? (
        <button type="button" className="btn" onClick={() => s().cancelTreeCopy()}>
          Cancel
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => s().closeTreeCopy()}>
          Close
        </button>
      )}
      {editing ? (
        <button type="button" className="btn primary" disabled={!d.dst.trim()} onClick={() => s().startTreeCopy()}>
          {d.clone ? 'Clone' : 'Copy'}
        </button>
      ) : null}
    </>
  )
  return (
    <Dialog
      title={`Copy “${visibleName(basenameOf(d.src, sep))}” with links`}
      wide
      onClose={() => s().closeTreeCopy()}
      footer={footer}
    >
      <label className="field">
        <span>Destination (a new folder)</span>
        <input
          type="text"
          className="mono"
          aria-label="Destination folder"
          spellCheck={false}
          value={d.dst}
          disabled={!editing}
          onChange={(ev) => s().setTreeCopyOptions(ev.target.value, d.clone)}
          onKeyDown={(ev) => {
            if (ev.key === 'Enter' && d.dst.trim()) s().startTreeCopy()
          }}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={d.clone}
          disabled={!editing}
          onChange={(ev) => s().setTreeCopyOptions(d.dst, ev.target.checked)}
        />{' '}
        Hard-link clone: new folders whose files are hard links to these (no bytes copied; same {volumeWord()} only)
      </label>
      <p className="muted">
        Each hard-link group is copied once and its other names made links to the copy; links stay links (absolute ones
        into the folder are pointed into the copy). Nothing is overwritten; a cancel removes the partial copy.
      </p>
      <Outcome d={d} />
    </Dialog>
  )
}

/** The copy dialog when it is open (the app renders this once, beside the other dialogs). */
export function TreesLayer() {
  const d = useApp((s) => s.treeCopy)
  return d ? <CopyDialog d={d} /> : null
}
