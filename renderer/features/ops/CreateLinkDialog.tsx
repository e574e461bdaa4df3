/** "Create link here…": target, name and kind, with what will happen and what will not work shown first. */
import { useMemo, useState } from 'react'

import type { Capabilities } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import { Dialog, RefusalBox } from '../../components/Dialog'
import {
  CHOICE_LABELS,
  choiceHint,
  choiceToRequest,
  type LinkChoice,
  offeredLinkName,
  planLink,
  targetStateLabel,
} from '../../lib/link-plan'
import { basenameOf, joinPath } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { PathField } from './PathField'
import { PlanView, useDialogRun, useTargetLookup } from './plan-parts'
import { PrivilegeChoices } from './PrivilegeChoices'

const CHOICES: LinkChoice[] = ['hard', 'symbolic-relative', 'symbolic-absolute', 'junction']

const NO_CAPABILITIES: Capabilities = { junctions: false, symlinks: 'yes', reveal: false }

const existingKind = (e: LinkEntry): string => (e.kind === 'dir' ? 'a folder' : e.kind === 'file' ? 'a file' : e.kind)

function KindChoices({
  choice,
  junctions,
  onChoose,
}: {
  choice: LinkChoice
  junctions: boolean
  onChoose: (c: LinkChoice) => void
}) {
  return (
    <fieldset className="choices">
      <legend>Kind</legend>
      {CHOICES.map((c) => {
        const disabled = c === 'junction' && !junctions
        return (
          <label key={c} className={`choice${choice === c ? ' on' : ''}${disabled ? ' disabled' : ''}`}>
            <input
              type="radio"
              name="kind"
              value={c}
              checked={choice === c}
              disabled={disabled}
              onChange={() => onChoose(c)}
            />
            <span className="choice-label">{CHOICE_LABELS[c]}</span>
            <span className="choice-hint">{disabled ? 'Junctions exist on Windows (NTFS) only.' : choiceHint(c)}</span>
          </label>
        )
      })}
    </fieldset>
  )
}

export function CreateLinkDialog({ dir, initialTarget }: { dir: string; initialTarget?: string }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const entries = useApp((s) => s.entries)
  const busy = useApp((s) => s.busy)
  const sep = info?.sep ?? '/'
  const folderHere = store.getState().dir === dir
  const taken = useMemo(() => (folderHere ? new Set(entries.map((e) => e.name)) : undefined), [entries, folderHere])
  const [targetPath, setTargetPath] = useState(initialTarget ?? '')
  const [name, setName] = useState(() => offeredLinkName(basenameOf(initialTarget ?? '', sep), taken))
  const [nameTouched, setNameTouched] = useState(false)
  // an empty dialog is not a mistake yet: problems show once something is typed (or was given)
  const [typed, setTyped] = useState(initialTarget !== undefined)
  const [choice, setChoice] = useState<LinkChoice>('symbolic-relative')
  // Looked up as it is typed, so the plan knows whether it is a file or a folder.
  const target = useTargetLookup(targetPath)

  const caps = info?.capabilities ?? NO_CAPABILITIES
  const plan = planLink({
    choice,
    target,
    targetPath: targetPath.trim(),
    dir,
    name: name.trim(),
    capabilities: caps,
    sep,
    ...(taken ? { taken } : {}),
  })

  const { submit, error, refusal } = useDialogRun('create', () => {
    const { type, relative } = choiceToRequest(choice)
    return store
      .getState()
      .createLink({ type, target: targetPath.trim(), link: joinPath(dir, name.trim(), sep), relative })
  })

  return (
    <Dialog
      title="Create link here"
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
            disabled={busy || target === undefined || plan.problems.length > 0}
            onClick={() => void submit()}
          >
            Create {CHOICE_LABELS[choice].toLowerCase()}
          </button>
        </>
      }
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault()
          if (plan.problems.length === 0) void submit()
        }}
      >
        <PathField
          label="Points to"
          value={targetPath}
          from={dir}
          placeholder="Full path of the file or folder"
          onChange={(p) => {
            setTargetPath(p)
            setTyped(true)
            if (!nameTouched) setName(offeredLinkName(basenameOf(p.trim(), sep), taken))
          }}
          note={target ? `Exists: ${existingKind(target)}` : targetStateLabel(target, targetPath.trim())}
        />
        <label className="field">
          <span>Link name</span>
          <input
            value={name}
            spellCheck={false}
            onChange={(ev) => {
              setName(ev.target.value)
              setNameTouched(true)
              setTyped(true)
            }}
          />
          <small className="muted mono">in {dir}</small>
        </label>
        <KindChoices choice={choice} junctions={caps.junctions} onChoose={setChoice} />
        <button type="submit" hidden />
      </form>
      <PlanView plan={plan} quiet={!typed} />
      {refusal ? <RefusalBox reason={refusal.reason} wayOut={refusal.wayOut} detail={error?.message} /> : null}
      {error?.code === 'PRIVILEGE_REQUIRED' ? (
        <PrivilegeChoices
          error={error}
          onDone={() => store.getState().closeDialog()}
          request={{
            type: 'symbolic',
            target: targetPath.trim(),
            link: joinPath(dir, name.trim(), sep),
            relative: choice === 'symbolic-relative',
          }}
        />
      ) : null}
    </Dialog>
  )
}
