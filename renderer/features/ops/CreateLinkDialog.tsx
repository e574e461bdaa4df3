/** "Create link here…": target, name and kind, with what will happen and what will not work shown first. */
import { useEffect, useMemo, useState } from 'react'
import type { AppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { explainOpError } from '../../lib/explain'
import { CHOICE_HINTS, CHOICE_LABELS, choiceToRequest, planLink, type LinkChoice } from '../../lib/link-plan'
import { basenameOf, joinPath } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { Dialog, RefusalBox } from './Dialog'
import { PrivilegeChoices } from './PrivilegeChoices'

const CHOICES: LinkChoice[] = ['hard', 'symbolic-relative', 'symbolic-absolute', 'junction']

export function CreateLinkDialog({ dir, initialTarget }: { dir: string; initialTarget?: string }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const entries = useApp((s) => s.entries)
  const busy = useApp((s) => s.busy)
  const sep = info?.sep ?? '/'
  const [targetPath, setTargetPath] = useState(initialTarget ?? '')
  const [name, setName] = useState(initialTarget ? basenameOf(initialTarget, sep) : '')
  const [nameTouched, setNameTouched] = useState(false)
  const [choice, setChoice] = useState<LinkChoice>('symbolic-relative')
  // undefined while the typed path is being looked up
  const [target, setTarget] = useState<LinkEntry | null | undefined>(null)
  const [error, setError] = useState<AppError | null>(null)

  // Look the target up as it is typed (debounced), so the plan knows whether it is a file or a folder.
  useEffect(() => {
    const p = targetPath.trim()
    if (!p) { setTarget(null); return }
    setTarget(undefined)
    let live = true
    const t = setTimeout(() => {
      void store.getState().statPath(p).then((e) => { if (live) setTarget(e) })
    }, 150)
    return () => { live = false; clearTimeout(t) }
  }, [targetPath, store])

  const folderHere = store.getState().dir === dir
  const taken = useMemo(() => (folderHere ? new Set(entries.map((e) => e.name)) : undefined), [entries, folderHere])
  const caps = info?.capabilities ?? { junctions: false, symlinks: 'yes' as const, reveal: false }
  const plan = planLink({ choice, target, targetPath: targetPath.trim(), dir, name: name.trim(), capabilities: caps, sep, ...(taken ? { taken } : {}) })

  const submit = async (): Promise<void> => {
    setError(null)
    const { type, relative } = choiceToRequest(choice)
    const r = await store.getState().createLink({ type, target: targetPath.trim(), link: joinPath(dir, name.trim(), sep), relative })
    if (r.ok) store.getState().closeDialog()
    else setError(r.error)
  }
  const refusal = error ? explainOpError(error, 'create', info?.capabilities.junctions ?? true) : null

  return (
    <Dialog
      title="Create link here"
      wide
      onClose={() => store.getState().closeDialog()}
      footer={<>
        <button type="button" className="btn" onClick={() => store.getState().closeDialog()}>Cancel</button>
        <button type="button" className="btn primary" disabled={busy || target === undefined || plan.problems.length > 0} onClick={() => void submit()}>Create {CHOICE_LABELS[choice].toLowerCase()}</button>
      </>}
    >
      <form onSubmit={(ev) => { ev.preventDefault(); if (plan.problems.length === 0) void submit() }}>
        <label className="field">
          <span>Points to</span>
          <input className="mono" value={targetPath} spellCheck={false} placeholder="Full path of the file or folder" onChange={(ev) => {
            setTargetPath(ev.target.value)
            if (!nameTouched) setName(basenameOf(ev.target.value.trim(), sep))
          }} />
          <small className="muted">{target ? `Exists: ${target.kind === 'dir' ? 'a folder' : target.kind === 'file' ? 'a file' : target.kind}` : target === undefined ? 'Checking…' : targetPath.trim() ? 'Does not exist' : ' '}</small>
        </label>
        <label className="field">
          <span>Link name</span>
          <input value={name} spellCheck={false} onChange={(ev) => { setName(ev.target.value); setNameTouched(true) }} />
          <small className="muted mono">in {dir}</small>
        </label>
        <fieldset className="choices">
          <legend>Kind</legend>
          {CHOICES.map((c) => {
            const disabled = c === 'junction' && !caps.junctions
            return (
              <label key={c} className={`choice${choice === c ? ' on' : ''}${disabled ? ' disabled' : ''}`}>
                <input type="radio" name="kind" value={c} checked={choice === c} disabled={disabled} onChange={() => setChoice(c)} />
                <span className="choice-label">{CHOICE_LABELS[c]}</span>
                <span className="choice-hint">{disabled ? 'Junctions exist on Windows (NTFS) only.' : CHOICE_HINTS[c]}</span>
              </label>
            )
          })}
        </fieldset>
        <button type="submit" hidden />
      </form>
      <div className="plan" aria-label="What will happen">
        <p className="plan-summary">{plan.summary}</p>
        {plan.problems.map((p) => <p key={p} className="plan-problem">✕ {p}</p>)}
        {plan.notes.map((n) => <p key={n} className="plan-note">{n}</p>)}
      </div>
      {refusal ? <RefusalBox reason={refusal.reason} wayOut={refusal.wayOut} detail={error?.message} /> : null}
      {error?.code === 'PRIVILEGE_REQUIRED' ? (
        <PrivilegeChoices error={error} onDone={() => store.getState().closeDialog()} request={{
          type: 'symbolic', target: targetPath.trim(), link: joinPath(dir, name.trim(), sep), relative: choice === 'symbolic-relative',
        }} />
      ) : null}
    </Dialog>
  )
}
