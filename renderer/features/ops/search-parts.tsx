/** What the two search dialogs (a file's names, the links pointing here) say about where they looked. */
import type { AppError } from '../../../shared/errors'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'

/** The search looked under `root` only: say so, and offer the whole drive. */
export function SearchedUnder({
  root,
  after,
  onWholeDrive,
}: {
  root: string
  after: string
  onWholeDrive: () => void
}) {
  return (
    <p className="plan-note">
      Searched under <span className="mono">{root}</span>
      {after}{' '}
      <button type="button" className="link" onClick={onWholeDrive}>
        Search the whole drive
      </button>
    </p>
  )
}

export function SearchError({ error }: { error: AppError }) {
  return (
    <p className="plan-problem">
      {explainOpError(error, 'open').reason}{' '}
      <span className="mono">
        <Shown text={error.message} />
      </span>
    </p>
  )
}
