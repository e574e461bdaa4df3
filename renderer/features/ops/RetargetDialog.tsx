/** "Retarget…": point a symbolic link or junction somewhere else; broken links get repair suggestions. */
import { useEffect, useState } from 'react'
import type { AppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { Candidate } from '../../../shared/types/scan'
import { explainOpError, isRelativeTarget } from '../../lib/explain'
import { isBroken } from '../../lib/format'
import { planRetarget, targetStateLabel } from '../../lib/link-plan'
import { dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { Dialog, RefusalBox } from './Dialog'

export function RetargetDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const busy = useApp((s) => s.busy)
  const sep = info?.sep ?? '/'
  const linkDir = dirnameOf(entry.path, sep) ?? ''
  const [targetPath, setTargetPath] = useState(entry.resolved ?? '')
  const [relative, setRelative] = useState(entry.kind === 'symlink' && entry.target !== undefined && isRelativeTarget(entry.target))
  // undefined while the typed path is being looked up
  const [target, setTarget] = useState<LinkEntry | null | undefined>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [candidates, setCandidates] = useState<Candidate[] | null>(null)

  useEffect(() => {
    const p = targetPath.trim()
    if (!p) { setTarget(null); return }
    setTarget(undefined)
    let live = true
    const t = setTimeout(() => { void store.getState().statPath(p).then((e) => { if (live) setTarget(e) }) }, 150)
    return () => { live = false; clearTimeout(t) }
  }, [targetPath, store])

  // A broken link: look for where its target may have gone (same name, nearby folders first).
  useEffect(() => {
    if (!isBroken(entry)) return
    let live = true
    const start = info?.startDir ?? linkDir
    const root = entry.path.startsWith(start) ? start : linkDir
    const job = store.getState().repairCandidates(entry.path, root)
    void job.done.then((r) => { if (live) setCandidates(r.ok ? r.value : []) })
    return () => { live = false; job.cancel() } // the dialog closed: stop walking the tree
  }, [entry, info, linkDir, store])

  const p = targetPath.trim()
  const { summary, problems, notes } = planRetarget({ entry, targetPath, target, relative, sep })

  const submit = async (): Promise<void> => {
    setError(null)
    const r = await store.getState().retarget({ path: entry.path, target: p, ...(entry.kind === 'symlink' ? { relative } : {}) })
    if (r.ok) store.getState().closeDialog()
    else setError(r.error)
  }
  const refusal = error ? explainOpError(error, 'retarget', info?.capabilities.junctions ?? true) : null

  return (
    <Dialog
      title={`Retarget “${entry.name}”`}
      wide
      onClose={() => store.getState().closeDialog()}
      footer={<>
        <button type="button" className="btn" onClick={() => store.getState().closeDialog()}>Cancel</button>
        <button type="button" className="btn primary" disabled={busy || problems.length > 0} onClick={() => void submit()}>Retarget</button>
      </>}
    >
      <p className="muted">Now points to <span className="mono">{entry.target ?? '?'}</span>{isBroken(entry) ? ' — which does not exist.' : '.'} The old link is replaced in one step: if anything fails, it stays as it was.</p>
      <form onSubmit={(ev) => { ev.preventDefault(); if (problems.length === 0) void submit() }}>
        <label className="field">
          <span>New target</span>
          <input className="mono" aria-label="New target" value={targetPath} spellCheck={false} onChange={(ev) => setTargetPath(ev.target.value)} />
          <small className="muted">{targetStateLabel(target, p)}</small>
        </label>
        {entry.kind === 'symlink' ? (
          <label className="check">
            <input type="checkbox" checked={relative} onChange={(ev) => setRelative(ev.target.checked)} />
            Store the target relative to the link’s folder
          </label>
        ) : null}
        <button type="submit" hidden />
      </form>
      {candidates && candidates.length > 0 ? (
        <div className="candidates">
          <p className="muted">Found with the same name — click to use:</p>
          <ul>
            {candidates.slice(0, 6).map((c) => (
              <li key={c.path}><button type="button" className="link mono" onClick={() => setTargetPath(c.path)}>{c.path}</button></li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="plan" aria-label="What will happen">
        <p className="plan-summary">{summary}</p>
        {problems.map((x) => <p key={x} className="plan-problem">✕ {x}</p>)}
        {notes.map((x) => <p key={x} className="plan-note">{x}</p>)}
      </div>
      {refusal ? <RefusalBox reason={refusal.reason} wayOut={refusal.wayOut} detail={error?.message} /> : null}
    </Dialog>
  )
}
