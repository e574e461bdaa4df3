/** What the two search dialogs (a file's names, the links pointing here) say about where they looked. */
import type { AppError } from '../../../shared/errors'
import { Shown } from '../../components/Shown'
import { explainOpError } from '../../lib/explain'
import { useApp } from '../../stores/store-context'

/** What "everything" is called where the search runs: a drive on Windows, a file system elsewhere. */
export const useWholeWord = (): string => useApp((s) => (s.info?.platform === 'win32' ? 'drive' : 'file system'))

/** The search looked under `root` only: say so, and offer the whole drive (file system). */
export function SearchedUnder({
  root,
  after,
  onWholeDrive,
}: {
  root: string
  after: string
  onWholeDrive: () => void
}) {
  const whole = useWholeWord()
  return (
    <p className="plan-note">
      Searched under <span className="mono">{root}</span>
      {after}{' '}
      <button type="button" className="link" onClick={onWholeDrive}>
        Search the whole {whole}
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
