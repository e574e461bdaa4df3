/** *Move back*: put a folder a move took to another drive back in place of its link, with the same checks. */
import { useEffect, useRef, useState } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { volumeWord } from '../../lib/volume-word'
import { useApp, useAppStore } from '../../stores/store-context'
import { linksRootFor, trimmed, useMoveJob } from './move-job'
import { JobBody, JobFooter } from './MoveParts'

export function MoveBackDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const info = useApp((s) => s.info)
  const job = useMoveJob()
  const [byMove, setByMove] = useState<boolean | null>(null)
  const api = store.getState().moveApi
  const linksRoot = linksRootFor(entry.path, info?.startDir, info?.sep ?? '/')
  // the check runs once per link, with what this render knows; a new job object each render must not restart it
  const latest = useRef({ job, api, linksRoot })
  latest.current = { job, api, linksRoot }
  useEffect(() => {
    const { job, api, linksRoot } = latest.current
    void job.check(() => api.previewBack(...trimmed(entry.path, linksRoot)))
    void api.madeByMove(entry.path).then((r) => setByMove(r.ok ? r.value : null))
  }, [entry.path])
  const close = (): void => {
    if (job.step === 'running') return
    store.getState().closeMoveDialog()
    if (job.step === 'done') void store.getState().refresh()
  }
  const run = (): void => void job.run((onItems) => api.back(onItems, ...trimmed(entry.path, false, linksRoot)))
  const footer = (
    <JobFooter job={job} close={close}>
      <button
        type="button"
        className="btn primary"
        disabled={job.step !== 'checked' || !!job.preflight?.refusal}
        onClick={run}
      >
        Move back
      </button>
    </JobFooter>
  )
  return (
    <Dialog title={`Move “${visibleName(entry.name)}” back`} wide onClose={close} footer={footer}>
      <p>
        The folder at{' '}
        <span className="mono">
          <Shown text={entry.resolved ?? entry.target ?? ''} />
        </span>{' '}
        is copied back here, verified, and swapped in for the link; then the copy on the other {volumeWord()} is
        deleted.
        {byMove === false ? ' This link was not made by a Linkscope move; moving back works the same.' : ''}
      </p>
      <JobBody job={job} />
    </Dialog>
  )
}
