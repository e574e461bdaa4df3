/**
 * *Move to another drive…*: choose a destination folder and the kind of link to leave, see the preflight
 * (nothing has changed yet), then move with progress and a cancel, and see the result.
 */
import { useState } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import type { LeaveKind } from '../../../shared/types/move'
import { Dialog } from '../../components/Dialog'
import { volumeWord } from '../../lib/volume-word'
import { useApp, useAppStore } from '../../stores/store-context'
import { linksRootFor, trimmed, useMoveJob } from './move-job'
import { JobBody, JobFooter } from './MoveParts'

export function MoveDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const [dest, setDest] = useState('')
  const [leave, setLeave] = useState<LeaveKind>(info?.platform === 'win32' ? 'junction' : 'symlink')
  const job = useMoveJob()
  const api = store.getState().moveApi
  const linksRoot = linksRootFor(entry.path, info?.startDir, info?.sep ?? '/')
  const close = (): void => {
    if (job.step === 'running') return
    store.getState().closeMoveDialog()
    if (job.step === 'done') void store.getState().refresh()
  }
  const check = (): void => void job.check(() => api.preview(...trimmed(entry.path, dest.trim(), leave, linksRoot)))
  const run = (): void =>
    void job.run((onItems) => api.run(onItems, ...trimmed(entry.path, dest.trim(), leave, false, linksRoot)))
  const editing = job.step !== 'running' && job.step !== 'done'
  const footer = (
    <JobFooter job={job} close={close}>
      <button type="button" className="btn" disabled={!dest.trim() || job.step === 'checking'} onClick={check}>
        Check
      </button>
      <button
        type="button"
        className="btn primary"
        disabled={job.step !== 'checked' || !!job.preflight?.refusal}
        onClick={run}
      >
        Move
      </button>
    </JobFooter>
  )
  return (
    <Dialog title={`Move “${visibleName(entry.name)}” to another ${volumeWord()}`} wide onClose={close} footer={footer}>
      <label className="field">
        <span>Destination folder</span>
        <input
          type="text"
          className="mono"
          aria-label="Destination folder"
          value={dest}
          disabled={!editing}
          placeholder="/media/other-drive"
          onChange={(ev) => setDest(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === 'Enter' && dest.trim()) check()
          }}
        />
      </label>
      <label className="field">
        <span>Leave behind</span>
        <select
          aria-label="Link kind"
          value={leave}
          disabled={!editing}
          onChange={(ev) => setLeave(ev.target.value as LeaveKind)}
        >
          <option value="symlink">a symbolic link</option>
          <option value="junction" disabled={!info?.capabilities.junctions}>
            a junction (Windows)
          </option>
        </select>
      </label>
      <p className="muted">
        The folder is copied, every byte is verified, and only then is it swapped for a link; a cancel before that
        removes the copy.
      </p>
      <JobBody job={job} />
    </Dialog>
  )
}
