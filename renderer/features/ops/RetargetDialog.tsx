/** "Retarget…": point a symbolic link or junction somewhere else; broken links get repair suggestions. */
import { useEffect, useState } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import type { Candidate } from '../../../shared/types/scan'
import { Dialog, RefusalBox } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { isRelativeTarget } from '../../lib/explain'
import { isBroken } from '../../lib/format'
import { planRetarget, targetStateLabel } from '../../lib/link-plan'
import { dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { PathField } from './PathField'
import { PlanView, useDialogRun, useTargetLookup } from './plan-parts'

/** A broken link: where its target may have gone (same name, nearby folders first), looked for while the dialog is open. */
function useRepairCandidates(entry: LinkEntry, start: string, linkDir: string): Candidate[] | null {
  const store = useAppStore()
  const [candidates, setCandidates] = useState<Candidate[] | null>(null)
  useEffect(() => {
    if (!isBroken(entry)) return
    let live = true
    const root = entry.path.startsWith(start) ? start : linkDir
    const job = store.getState().repairCandidates(entry.path, root)
    void job.done.then((r) => {
      if (live) setCandidates(r.ok ? r.value : [])
    })
    return () => {
      live = false
      job.cancel()
    } // the dialog closed: stop walking the tree
  }, [entry, start, linkDir, store])
  return candidates
}

const storedRelative = (e: LinkEntry): boolean =>
  e.kind === 'symlink' && e.target !== undefined && isRelativeTarget(e.target)

function RelativeCheck({ relative, onChange }: { relative: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={relative} onChange={(ev) => onChange(ev.target.checked)} />
      Store the target relative to the link’s folder
    </label>
  )
}

/** Up to six places with the target's name; one click puts one in the field. */
function CandidateList({ candidates, onUse }: { candidates: Candidate[]; onUse: (path: string) => void }) {
  return (
    <div className="candidates">
      <p className="muted">Found with the same name — click to use:</p>
      <ul>
        {candidates.slice(0, 6).map((c) => (
          <li key={c.path}>
            <button type="button" className="link mono" onClick={() => onUse(c.path)}>
              <Shown text={c.path} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function RetargetDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const busy = useApp((s) => s.busy)
  const sep = info?.sep ?? '/'
  const linkDir = dirnameOf(entry.path, sep) ?? ''
  const [targetPath, setTargetPath] = useState(entry.resolved ?? '')
  const [relative, setRelative] = useState(() => storedRelative(entry))
  // the field opens on where the link points now: "it already points there" waits until something changes
  const [typed, setTyped] = useState(false)
  const setTarget = (p: string): void => {
    setTargetPath(p)
    setTyped(true)
  }
  const target = useTargetLookup(targetPath)
  const candidates = useRepairCandidates(entry, info?.startDir ?? linkDir, linkDir)

  const p = targetPath.trim()
  const plan = planRetarget({ entry, targetPath, target, relative, sep })
  const problems = plan.problems

  const { submit, error, refusal } = useDialogRun('retarget', () =>
    store.getState().retarget({ path: entry.path, target: p, ...(entry.kind === 'symlink' ? { relative } : {}) }),
  )

  return (
    <Dialog
      title={`Retarget “${visibleName(entry.name)}”`}
      wide
      onClose={() => store.getState().closeDialog()}
      footer={
        <>
          <button type="button" className="btn" onClick={() => store.getState().closeDialog()}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || problems.length > 0}
            onClick={() => void submit()}
          >
            Retarget
          </button>
        </>
      }
    >
      <p className="muted">
        Now points to <span className="mono">{entry.target ?? '?'}</span>
        {isBroken(entry) ? ' — which does not exist.' : '.'} The old link is replaced in one step: if anything fails, it
        stays as it was.
      </p>
      <form
        onSubmit={(ev) => {
          ev.preventDefault()
          if (problems.length === 0) void submit()
        }}
      >
        <PathField
          label="New target"
          value={targetPath}
          from={linkDir}
          onChange={setTarget}
          note={targetStateLabel(target, p)}
        />
        {entry.kind === 'symlink' ? (
          <RelativeCheck
            relative={relative}
            onChange={(on) => {
              setRelative(on)
              setTyped(true)
            }}
          />
        ) : null}
        <button type="submit" hidden />
      </form>
      {candidates && candidates.length > 0 ? <CandidateList candidates={candidates} onUse={setTarget} /> : null}
      <PlanView plan={plan} quiet={!typed} />
      {refusal ? <RefusalBox reason={refusal.reason} wayOut={refusal.wayOut} detail={error?.message} /> : null}
    </Dialog>
  )
}
