/** Confirm "Remove link": exactly what is deleted (the link, or this one name) and what is not. */
import type { LinkEntry } from '../../../shared/types/link'
import { isFolderLike } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { Dialog } from '../../components/Dialog'

/** What removing one entry does, in words. `refused` entries are not links and will not be touched. */
export function removalText(e: LinkEntry): { text: string; refused: boolean } {
  switch (e.kind) {
    case 'symlink':
    case 'wsl-symlink':
      return { text: `Removes the symbolic link “${e.name}”. What it points to (“${e.target ?? '?'}”) is not touched.`, refused: false }
    case 'junction':
    case 'mount-point':
      return { text: `Removes the junction “${e.name}” only. The folder it points to (“${e.target ?? '?'}”) and everything in it stay.`, refused: false }
    case 'file':
      return e.links > 1
        ? { text: `Removes the name “${e.name}”. The data stays: the file keeps ${e.links - 1} other name${e.links === 2 ? '' : 's'}.${e.readonly ? ' (It is read-only; that attribute is shared by all names.)' : ''}`, refused: false }
        : { text: `“${e.name}” is the only name of its file: removing it would delete the data, so Linkscope will not.`, refused: true }
    default:
      return { text: `“${e.name}” is ${isFolderLike(e) ? 'a folder' : 'not a link'}: Linkscope will not touch it.`, refused: true }
  }
}

export function RemoveDialog({ entries }: { entries: LinkEntry[] }) {
  const store = useAppStore()
  const busy = useApp((s) => s.busy)
  const lines = entries.map((e) => ({ e, ...removalText(e) }))
  const removable = lines.filter((l) => !l.refused)
  return (
    <Dialog
      title={removable.length === 1 ? `Remove “${removable[0]!.e.name}”?` : `Remove ${removable.length} links?`}
      onClose={() => store.getState().closeDialog()}
      footer={<>
        <button type="button" className="btn" onClick={() => store.getState().closeDialog()}>Cancel</button>
        <button
          type="button"
          className="btn danger"
          disabled={busy || removable.length === 0}
          onClick={() => { store.getState().closeDialog(); void store.getState().removeLinks(removable.map((l) => l.e.path)) }}
        >Remove {removable.length === 1 ? 'link' : `${removable.length} links`}</button>
      </>}
    >
      <ul className="remove-list">
        {lines.map((l) => <li key={l.e.path} className={l.refused ? 'refused' : undefined}>{l.text}</li>)}
      </ul>
      <p className="muted">Nothing else is deleted. You can undo this (Ctrl+Z) while Linkscope is open.</p>
    </Dialog>
  )
}
