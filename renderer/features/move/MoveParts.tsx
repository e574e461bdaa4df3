/** What both move dialogs show: the preflight before anything changes, the progress, and the result. */
import type { AppError } from '../../../shared/errors'
import type { MovePreflight, MoveProgress, MoveResult } from '../../../shared/types/move'
import { RefusalBox } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { formatCount, formatSize } from '../../lib/format'
import type { MoveJob } from './move-job'

export function PreflightView({ pf }: { pf: MovePreflight }) {
  const breaking = pf.incoming.filter((l) => l.fate === 'will-break')
  return (
    <div className="move-preflight" data-testid="move-preflight">
      <p>
        {formatCount(pf.files)} file{pf.files === 1 ? '' : 's'} in {formatCount(pf.dirs)} folder
        {pf.dirs === 1 ? '' : 's'}, {formatSize(pf.bytes)}. The copy needs {formatSize(pf.needBytes)};{' '}
        {formatSize(pf.freeBytes)} free there.
      </p>
      <p data-testid="move-incoming">
        {pf.incoming.length === 0
          ? 'No link elsewhere leads into it.'
          : `${formatCount(pf.incoming.length)} link${pf.incoming.length === 1 ? '' : 's'} elsewhere lead into it: ` +
            (breaking.length === 0
              ? 'each keeps working through the link left in its place.'
              : `${formatCount(breaking.length)} will break (repoint them with Replace prefix).`)}
      </p>
      {pf.incoming.length > 0 ? (
        <ul className="names-list">
          {pf.incoming.map((l) => (
            <li key={l.path}>
              <span className="mono">
                <Shown text={l.path} />
              </span>{' '}
              <span className="muted">
                → <Shown text={l.target} />
              </span>{' '}
              {l.fate === 'will-break' ? (
                <span className="is-bad">will break</span>
              ) : (
                <span className="muted">keeps working</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {pf.outsideNames.length > 0 ? (
        <p>
          {formatCount(pf.outsideNames.length)} file{pf.outsideNames.length === 1 ? ' has' : 's have'} hard-link names
          outside the folder; those names keep the old bytes, apart from the moved copy.
        </p>
      ) : null}
      <p className="muted">{pf.openFiles.note}</p>
      {pf.openFiles.writers.map((w) => (
        <p key={`${w.pid}:${w.path}`} className="is-bad">
          <Shown text={w.command} /> (pid {w.pid}) has <Shown text={w.path} /> open for writing.
        </p>
      ))}
    </div>
  )
}

export function ProgressView({ p }: { p: MoveProgress | null }) {
  const share = p && p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0
  const what = p?.phase === 'verify' ? 'Verifying every byte' : p?.phase === 'swap' ? 'Swapping in the link' : 'Copying'
  return (
    <div className="move-progress" data-testid="move-progress" role="status">
      <div className="progress" aria-hidden>
        <div className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span>
        {what}… {formatCount(p?.files ?? 0)} of {formatCount(p?.totalFiles ?? 0)} files, {formatSize(p?.bytes ?? 0)} of{' '}
        {formatSize(p?.totalBytes ?? 0)}
      </span>
    </div>
  )
}

export function ResultView({ r }: { r: MoveResult }) {
  return (
    <p data-testid="move-result" role="status">
      {r.link ? (
        <>
          Moved to{' '}
          <span className="mono">
            <Shown text={r.to} />
          </span>
          ; a {r.link.kind === 'junction' ? 'junction' : 'symbolic link'} was left at{' '}
          <span className="mono">
            <Shown text={r.moved} />
          </span>
          .
        </>
      ) : (
        <>
          Moved back to{' '}
          <span className="mono">
            <Shown text={r.to} />
          </span>
          ; the link is gone.
        </>
      )}{' '}
      {formatCount(r.files)} files, {formatSize(r.bytes)}, every byte verified.
    </p>
  )
}

export function MoveRefusal({ error }: { error: AppError }) {
  const e = explainOpError(error, 'create')
  return <RefusalBox reason={e.reason} wayOut={e.wayOut} detail={error.message} />
}

/** The part of a move dialog below its fields: checking, the preflight and any refusal, progress, result. */
export function JobBody({ job }: { job: MoveJob }) {
  const refusal = job.preflight?.refusal
  return (
    <>
      {job.step === 'checking' ? (
        <p className="muted">
          <span className="spinner small" aria-hidden /> Checking space, links into it and open files…
        </p>
      ) : null}
      {job.preflight && job.step !== 'done' ? <PreflightView pf={job.preflight} /> : null}
      {refusal ? <MoveRefusal error={{ code: refusal.code, message: refusal.message }} /> : null}
      {job.step === 'running' ? <ProgressView p={job.progress} /> : null}
      {job.result ? <ResultView r={job.result} /> : null}
      {job.error ? <MoveRefusal error={job.error} /> : null}
    </>
  )
}

/** Close when done; Cancel while running; otherwise Close and the dialog's own buttons. */
export function JobFooter({ job, close, children }: { job: MoveJob; close: () => void; children: React.ReactNode }) {
  if (job.step === 'done')
    return (
      <button type="button" className="btn primary" onClick={close}>
        Close
      </button>
    )
  if (job.step === 'running')
    return (
      <button type="button" className="btn" onClick={job.cancel}>
        Cancel
      </button>
    )
  return (
    <>
      <button type="button" className="btn" onClick={close}>
        Close
      </button>
      {children}
    </>
  )
}
