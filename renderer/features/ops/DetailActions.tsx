/** The details panel's buttons for the selected entry: the link actions most often wanted. */
import type { LinkEntry } from '../../../shared/types/link'
import { isNameLink } from '../../../shared/types/link'
import { useAppStore } from '../../stores/store-context'

export function DetailActions({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const s = store.getState
  const buttons: React.ReactNode[] = []
  if (entry.kind === 'symlink' || entry.kind === 'junction') {
    buttons.push(
      <button key="rt" type="button" className="btn small" onClick={() => s().openDialog({ type: 'retarget', entry })}>
        Retarget…
      </button>,
    )
  }
  if (entry.kind === 'file' && entry.links > 1) {
    buttons.push(
      <button key="nm" type="button" className="btn small" onClick={() => s().openDialog({ type: 'names', entry })}>
        Show all {entry.links} names
      </button>,
    )
  }
  buttons.push(
    <button key="pk" type="button" className="btn small" onClick={() => void s().pickSources([entry.path])}>
      Pick as link source
    </button>,
  )
  if (entry.kind === 'dir' || entry.kind === 'file') {
    buttons.push(
      <button
        key="li"
        type="button"
        className="btn small"
        title="Every link that leads here: the ones a move or delete would break"
        onClick={() => s().openDialog({ type: 'links-into', entry })}
      >
        Links pointing here…
      </button>,
    )
  }
  if (isNameLink(entry) || (entry.kind === 'file' && entry.links > 1)) {
    buttons.push(
      <button
        key="rm"
        type="button"
        className="btn small"
        onClick={() => {
          s().selectOnly(entry.path)
          s().requestRemoveSelected()
        }}
      >
        Remove link…
      </button>,
    )
  }
  return <div className="details-actions">{buttons}</div>
}
