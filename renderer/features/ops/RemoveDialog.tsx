/**
 * Confirm "Remove link": exactly what is deleted (the link, or this one name), what is not, and which
 * removals will be refused, before the click. The dialog stays while the removal runs, with the item
 * being removed shown once it takes longer than a moment.
 */
import '../../styles/dialogs-extra.css'

import type { LinkEntry } from '../../../shared/types/link'
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { useDelayed } from '../../components/useDelayed'
import { useApp, useAppStore } from '../../stores/store-context'
import { planRemovals } from './remove-plan'

export { removalText } from './remove-plan'

function Progress() {
  const removing = useApp((s) => s.removing)
  const undoQueued = useApp((s) => s.undoQueued)
  const shown = useDelayed(removing !== null)
  if (!shown || !removing) return null
  return (
    <div className="busy-line" role="status" aria-label="Removing">
      <span className="spinner small" aria-hidden />
      <span>
        Removing <Shown text={removing.path} />
        {removing.total > 1 ? ` (${removing.index + 1} of ${removing.total})` : ''}…
        {undoQueued ? ' Undo (Ctrl+Z) follows as soon as this ends.' : ''}
      </span>
    </div>
  )
}

export function RemoveDialog({ entries }: { entries: LinkEntry[] }) {
  const store = useAppStore()
  const busy = useApp((s) => s.busy)
  const running = useApp((s) => s.removing !== null)
  const lines = planRemovals(entries)
  const removable = lines.filter((l) => !l.refused)
  const refused = lines.length - removable.length
  const close = (): void => {
    if (!running) store.getState().closeDialog()
  }
  const remove = async (): Promise<void> => {
    await store.getState().removeLinks(removable.map((l) => l.e.path))
    store.getState().closeDialog()
  }
  return (
    <Dialog
      title={removable.length === 1 ? `Remove “${removable[0]!.e.name}”?` : `Remove ${removable.length} links?`}
      onClose={close}
      footer={
        <>
          <button type="button" className="btn" disabled={running} onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn danger"
            disabled={busy || removable.length === 0}
            onClick={() => void remove()}
          >
            Remove {removable.length === 1 ? 'link' : `${removable.length} links`}
          </button>
        </>
      }
    >
      {refused > 0 ? (
        <p className="remove-summary" data-testid="remove-summary">
          {removable.length} will be removed; <strong>{refused} will be refused</strong> and stay
          {refused === 1 ? 's' : ''} as {refused === 1 ? 'it is' : 'they are'}.
        </p>
      ) : null}
      <ul className="remove-list">
        {lines.map((l) => (
          <li key={l.e.path} className={l.refused ? 'refused' : undefined}>
            {l.refused ? <strong className="refused-mark">Refused: </strong> : null}
            {l.text}
          </li>
        ))}
      </ul>
      <Progress />
      <p className="muted">Nothing else is deleted. You can undo this (Ctrl+Z) while Linkscope is open.</p>
    </Dialog>
  )
}
