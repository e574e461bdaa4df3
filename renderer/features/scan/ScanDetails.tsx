/**
 * The Scan view's side panel: the focused broken link with its repairs (candidates in one click,
 * Retarget…, relative ↔ absolute, remove), or the focused hard-link group with its names.
 */
import { useEffect, useState } from 'react'

import type { AppError } from '../../../shared/errors'
import { visibleName } from '../../../shared/names'
import type { BrokenLink, HardLinkGroup } from '../../../shared/types/scan'
import { RefusalBox } from '../../components/Dialog'
import { Field } from '../../components/Field'
import { KindIcon } from '../../components/KindIcon'
import { Shown } from '../../components/Shown'
import { SidePanel } from '../../components/SidePanel'
import { explainOpError } from '../../lib/explain'
import { formatCount, formatSize } from '../../lib/format'
import { conflictText, versionConflict } from '../../lib/package-version'
import { basenameOf, dirnameOf, relativePath } from '../../lib/paths'
import { isRelativeLink, namesElsewhere, REASON_HINTS, REASON_LABELS } from '../../lib/scan-rows'
import { useApp, useAppStore } from '../../stores/store-context'
import { useWholeWord } from '../ops/search-parts'

/** Open the explorer at a path's folder with it selected. */
function useShowInExplorer(): (path: string) => void {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  return (path) => {
    const dir = dirnameOf(path, sep)
    store.getState().showExplorer()
    if (dir) void store.getState().openDirectory(dir, [path])
  }
}

function Candidates({ link }: { link: BrokenLink }) {
  const store = useAppStore()
  const candidates = useApp((s) => s.candidates)
  const busy = useApp((s) => s.busy)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const root = useApp((s) => s.scanRoot)
  const [error, setError] = useState<AppError | null>(null)
  useEffect(() => setError(null), [link.path])
  if (!candidates || candidates.link !== link.path) return null
  const linkDir = dirnameOf(link.path, sep) ?? ''
  const wanted = basenameOf(link.target ?? '', sep)
  return (
    <div className="scan-candidates" aria-label="Candidates">
      <h3>Candidates named “{wanted}”</h3>
      {candidates.loading ? (
        <p className="muted">
          <span className="spinner small" aria-hidden /> Looking under {root}…
        </p>
      ) : null}
      {candidates.error ? (
        <p className="plan-problem">
          {explainOpError(candidates.error, 'open').reason}{' '}
          <span className="mono">
            <Shown text={candidates.error.message} />
          </span>
        </p>
      ) : null}
      {!candidates.loading && !candidates.error && candidates.list.length === 0 ? (
        <p className="muted">
          Nothing named “{wanted}” under {root}. Use Retarget… to type a path, or remove the link.
        </p>
      ) : null}
      {candidates.list.length > 0 ? (
        <>
          <p className="muted">
            Closest to where the target was first. One click points the link there
            {isRelativeLink(link) ? ', stored relative as before' : ''}.
          </p>
          <ul className="candidate-list">
            {candidates.list.map((c, i) => {
              const conflict = link.target ? versionConflict(link.target, c.path, sep) : null
              return (
                <li key={c.path}>
                  <span className="mono candidate-path" title={visibleName(c.path)}>
                    <Shown text={isRelativeLink(link) ? relativePath(linkDir, c.path, sep) : c.path} />
                  </span>
                  {i === 0 && !conflict ? <span className="pill pill-best">closest</span> : null}
                  {conflict ? (
                    <span
                      className="pill pill-version"
                      title={`Another version of ${conflict.name}: ${conflictText(conflict)}. Pointing the link here may break what uses it.`}
                    >
                      version {conflict.found}, not {conflict.wanted}
                    </span>
                  ) : null}
                  {c.kind === 'dir' ? <span className="muted">folder</span> : null}
                  <button
                    type="button"
                    className={`btn small${conflict ? '' : ' primary'}`}
                    disabled={busy}
                    aria-label={`Use ${visibleName(c.path)}${conflict ? ` (${conflictText(conflict)})` : ''}`}
                    onClick={() => {
                      setError(null)
                      void store
                        .getState()
                        .useCandidate(link.path, c.path)
                        .then((r) => {
                          if (r && !r.ok) setError(r.error)
                        })
                    }}
                  >
                    Use
                  </button>
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
      {error ? <RefusalBox {...explainOpError(error, 'retarget')} detail={error.message} /> : null}
    </div>
  )
}

function BrokenDetails({ link }: { link: BrokenLink }) {
  const store = useAppStore()
  const busy = useApp((s) => s.busy)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const showInExplorer = useShowInExplorer()
  const [error, setError] = useState<AppError | null>(null)
  useEffect(() => setError(null), [link.path])
  const s = store.getState
  const relative = isRelativeLink(link)
  const linkDir = dirnameOf(link.path, sep) ?? ''
  const other = link.resolved ? (relative ? link.resolved : relativePath(linkDir, link.resolved, sep)) : null
  return (
    <div className="details-body">
      <div className="details-head">
        <KindIcon kind="broken" />
        <div>
          <h2 title={visibleName(link.name)}>
            <Shown text={link.name} />
          </h2>
          <div className="details-kind">
            {link.kind === 'junction' ? 'Junction' : 'Symbolic link'}
            <span className={`status status-${link.status} is-bad`}>{REASON_LABELS[link.reason]}</span>
          </div>
        </div>
      </div>
      <div className="explain">
        <p>{REASON_HINTS[link.reason]}</p>
      </div>
      <div className="details-actions">
        <button type="button" className="btn small primary" onClick={() => void s().findCandidates(link.path)}>
          Find candidates
        </button>
        <button type="button" className="btn small" onClick={() => s().openDialog({ type: 'retarget', entry: link })}>
          Retarget…
        </button>
        {link.kind === 'symlink' && link.resolved ? (
          <button
            type="button"
            className="btn small"
            disabled={busy}
            title={other ? `Store “${other}” instead` : undefined}
            onClick={() => {
              setError(null)
              void s()
                .convertForm(link.path)
                .then((r) => {
                  if (r && !r.ok) setError(r.error)
                })
            }}
          >
            {relative ? 'Make absolute' : 'Make relative'}
          </button>
        ) : null}
        <button type="button" className="btn small danger-text" onClick={() => s().requestRemoveBroken([link.path])}>
          Remove link…
        </button>
        <button type="button" className="btn small" onClick={() => showInExplorer(link.path)}>
          Show in explorer
        </button>
      </div>
      {error ? <RefusalBox {...explainOpError(error, 'retarget')} detail={error.message} /> : null}
      <Candidates link={link} />
      <dl className="fields">
        <Field label="Path" mono>
          <Shown text={link.path} path />
        </Field>
        <Field label="Target (as stored)" mono>
          <Shown text={link.target ?? '?'} path />
        </Field>
        {link.resolved ? (
          <Field label="Resolves to" mono>
            <Shown text={link.resolved} path />
          </Field>
        ) : null}
        <Field label="Stored as">{relative ? 'relative to the link’s folder' : 'an absolute path'}</Field>
      </dl>
    </div>
  )
}

function GroupDetails({ group }: { group: HardLinkGroup }) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const root = useApp((s) => s.scanRoot)
  const showInExplorer = useShowInExplorer()
  const whole = useWholeWord()
  const elsewhere = namesElsewhere(group)
  return (
    <div className="details-body">
      <div className="details-head">
        <KindIcon kind="hardlink" />
        <div>
          <h2 title={visibleName(group.paths[0] ?? '')}>
            <Shown text={basenameOf(group.paths[0] ?? group.id, sep)} />
          </h2>
          <div className="details-kind">
            One file, <span className="pill pill-hard">{group.links} names</span>
          </div>
        </div>
      </div>
      <div className="explain">
        <p>
          Every name below is the same file ({formatSize(group.size)} of data, stored once): editing one edits all, and
          the data is deleted only with the last name.
        </p>
        {elsewhere > 0 ? (
          <p>
            <strong>
              {formatCount(elsewhere)} name{elsewhere === 1 ? ' is' : 's are'} outside {root}.
            </strong>{' '}
            “Show all names” can look for {elsewhere === 1 ? 'it' : 'them'} over the whole {whole}.
          </p>
        ) : null}
      </div>
      <div className="details-actions">
        <button type="button" className="btn small primary" onClick={() => void store.getState().showGroupNames(group)}>
          Show all names
        </button>
      </div>
      <h3 className="names-head">
        {formatCount(group.paths.length)} name{group.paths.length === 1 ? '' : 's'} under the scanned folder
      </h3>
      <ul className="names-list group-paths">
        {group.paths.map((p) => (
          <li key={p}>
            <button
              type="button"
              className="link mono"
              title="Show it in the explorer"
              aria-label={visibleName(p)} // the path itself: a name from its folder-name blocks would be spaced out
              onClick={() => showInExplorer(p)}
            >
              <Shown text={p} path />
            </button>
          </li>
        ))}
        {elsewhere > 0 ? <li className="muted">+ {formatCount(elsewhere)} elsewhere</li> : null}
      </ul>
      <dl className="fields">
        <Field label="File ID" mono>
          {group.id}
        </Field>
        <Field label="Size">{formatSize(group.size)}</Field>
        <Field label="Names in all">{group.links}</Field>
      </dl>
    </div>
  )
}

export function ScanDetails() {
  const focus = useApp((s) => s.brokenFocus)
  const link = useApp((s) => (s.brokenFocus ? s.scanBroken.find((l) => l.path === s.brokenFocus) : undefined))
  const group = useApp((s) => (s.groupFocus ? s.scanGroups.find((g) => g.id === s.groupFocus) : undefined))
  const selected = useApp((s) => s.brokenSelected.size)
  return (
    <SidePanel id="scan-details" label="Scan details" className="scan-details">
      {selected > 1 ? (
        <div className="details-body">
          <h2>{formatCount(selected)} broken links selected</h2>
          <p className="muted">
            Retarget them all to their closest candidates, or remove them: each is done or refused on its own, and the
            report lists every one.
          </p>
        </div>
      ) : link ? (
        <BrokenDetails link={link} />
      ) : group ? (
        <GroupDetails group={group} />
      ) : (
        <div className="details-body">
          <h2 className="muted">{focus ? 'Done' : 'No selection'}</h2>
          {focus ? (
            <p>“{focus}” was fixed or removed, so it left the list. Undo (Ctrl+Z) puts it back as it was.</p>
          ) : null}
          <p className="muted">
            Select a broken link to repair it — Find candidates looks for its target’s name under the scanned folder —
            or a hard-link group to see its names.
          </p>
        </div>
      )}
    </SidePanel>
  )
}
