/** What the table area says when there are no rows to show: loading, empty, filtered out, or an error. */
import { Shown } from '../../components/Shown'
import { explainListError } from '../../lib/explain'
import { useApp, useAppStore } from '../../stores/store-context'

export function FolderState() {
  const store = useAppStore()
  const loading = useApp((s) => s.loading)
  const error = useApp((s) => s.listError)
  const total = useApp((s) => s.entries.length)
  const shown = useApp((s) => s.view.length)
  const filter = useApp((s) => s.filter)
  const canBack = useApp((s) => s.historyIndex > 0)
  const lost = useApp((s) => s.connectionLost)
  if (error) {
    const { title, action } = lost
      ? {
          title: 'Linkscope is not connected.',
          action:
            'Nothing can be listed until it is: start “linkscope serve” again and open the new address it prints.',
        }
      : explainListError(error)
    return (
      <div className="folder-state error" role="alert">
        <h2>{title}</h2>
        <p>{action}</p>
        <p className="detail mono">
          <Shown text={error.message} />
        </p>
        <div className="actions">
          {canBack ? (
            <button type="button" onClick={() => void store.getState().goBack()}>
              Go back
            </button>
          ) : null}
          <button type="button" onClick={() => void store.getState().goUp()}>
            Go up
          </button>
          <button type="button" onClick={() => void store.getState().refresh()}>
            Try again
          </button>
        </div>
      </div>
    )
  }
  if (shown > 0) return null
  if (loading)
    return (
      <div className="folder-state">
        <div className="spinner" aria-hidden />
        <p>Reading the folder…</p>
      </div>
    )
  if (total > 0 && filter) {
    return (
      <div className="folder-state">
        <h2>Nothing matches “{filter}”.</h2>
        <p>
          <button type="button" className="link" onClick={() => store.getState().setFilter('')}>
            Clear the filter
          </button>{' '}
          to see all {total} entries.
        </p>
      </div>
    )
  }
  return (
    <div className="folder-state">
      <h2>This folder is empty</h2>
      <p>Right-click here to create a link in it.</p>
    </div>
  )
}
